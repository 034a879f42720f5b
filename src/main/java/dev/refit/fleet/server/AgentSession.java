package dev.refit.fleet.server;

import dev.refit.fleet.protocol.Message;
import dev.refit.fleet.protocol.MessageCodec;
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
   * True the first time it is asked after a join token let this connection in: the agent's first
   * frame after the welcome then confirms its enrolment. False for credential connections.
   */
  boolean confirmsEnrolmentNow() {
    if (admission == null || admission.newSecret() == null || enrolmentConfirmed) {
      return false;
    }
    enrolmentConfirmed = true;
    return true;
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
