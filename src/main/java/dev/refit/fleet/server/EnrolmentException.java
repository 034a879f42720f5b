package dev.refit.fleet.server;

/**
 * A join token was refused. The reason is for the server's log and the admin; the message never
 * holds the token. (The agent may be told the same line: the tokens are unguessable, so telling
 * "expired" from "unknown" helps a person and no attacker.)
 */
public final class EnrolmentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public enum Reason {
    UNKNOWN("join token is not known to this server"),
    EXPIRED("join token has expired; issue a new one"),
    SPENT("join token was already used; issue a new one"),
    NAME_TAKEN("an agent with that name is enrolled already; choose another --name, or revoke it");

    private final String line;

    Reason(String line) {
      this.line = line;
    }
  }

  private final Reason reason;

  public EnrolmentException(Reason reason) {
    super(reason.line);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
