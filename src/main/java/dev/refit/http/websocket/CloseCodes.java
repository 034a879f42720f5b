package dev.refit.http.websocket;

/** The close codes of RFC 6455 section 7.4.1 that Refit sends or reads. */
public final class CloseCodes {
  public static final int NORMAL = 1000;
  public static final int GOING_AWAY = 1001;
  public static final int PROTOCOL_ERROR = 1002;
  public static final int UNSUPPORTED_DATA = 1003;
  /** Never sent: what a close frame without a code reads as. */
  public static final int NO_STATUS = 1005;
  /** Never sent: the connection ended without a close frame. */
  public static final int ABNORMAL = 1006;
  public static final int INVALID_PAYLOAD = 1007;
  public static final int POLICY = 1008;
  public static final int TOO_BIG = 1009;
  public static final int SERVER_ERROR = 1011;

  private CloseCodes() {}
}
