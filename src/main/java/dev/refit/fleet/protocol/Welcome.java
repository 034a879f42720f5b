package dev.refit.fleet.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The server's answer to {@link Hello}: the session is open.
 *
 * @param agentId the id the server knows this agent by
 * @param serverVersion the server's Refit build
 * @param heartbeatSeconds how often the agent must send a {@link Heartbeat}
 * @param agentSecret set only on the connection that spent a join token: the agent stores it and
 *     authenticates with it from then on. Never shown by {@link #toString()}.
 */
public record Welcome(
    String agentId,
    String serverVersion,
    @JsonProperty(required = true) int heartbeatSeconds,
    @Nullable Secret agentSecret)
    implements Message {
  public Welcome {
    Fields.text(agentId, "agentId");
    Fields.text(serverVersion, "serverVersion");
    if (heartbeatSeconds < 1) {
      throw new IllegalArgumentException("field 'heartbeatSeconds' must be at least 1");
    }
  }

  @Override
  public MessageType type() {
    return MessageType.WELCOME;
  }
}
