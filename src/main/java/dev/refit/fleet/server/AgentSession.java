package dev.refit.fleet.server;

import dev.refit.fleet.protocol.Message;
import dev.refit.fleet.protocol.MessageCodec;
import dev.refit.fleet.protocol.Secret;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One agent's open connection on the server. It only moves frames: the hub decides what they
 * mean. The first frame must be a hello; nothing else is read before it.
 */
final class AgentSession {
  private final String agentId;
  private final Peer peer;
  private final MessageCodec codec;
  private final @Nullable Admission admission;
  private volatile boolean greeted;
  private volatile boolean enrolmentConfirmed;
  private volatile boolean closed;
  private volatile Instant lastFrame;

  AgentSession(String agentId, Peer peer, MessageCodec codec, Admission admission, Instant now) {
    this.agentId = agentId;
    this.peer = peer;
    this.codec = codec;
    this.admission = admission;
    this.lastFrame = now;
  }

  String agentId() {
    return agentId;
  }

  @Nullable Admission admission() {
    return admission;
  }

  /**
   * The secret a join token let this connection hand over, the first time it is asked (the
   * agent's first frame after the welcome then confirms its enrolment); null after that, and for
   * credential connections.
   */
  @Nullable Secret enrolmentToConfirm() {
    if (admission == null || enrolmentConfirmed) {
      return null;
    }
    enrolmentConfirmed = true;
    return admission.newSecret();
  }

  boolean greeted() {
    return greeted;
  }

  void greeted(boolean value) {
    greeted = value;
  }

  Instant lastFrame() {
    return lastFrame;
  }

  void heard(Instant at) {
    lastFrame = at;
  }

  boolean isClosed() {
    return closed;
  }

  void send(Message message) {
    if (!closed) {
      peer.send(codec.encode(message));
    }
  }

  /** Closes once; later calls do nothing. */
  void close(int code, String reason) {
    if (!closed) {
      closed = true;
      peer.close(code, reason);
    }
  }

  /** The transport saw the connection end. */
  void markClosed() {
    closed = true;
  }
}
