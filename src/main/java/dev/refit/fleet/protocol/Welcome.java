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
 * @param historyAfter the highest id of this agent's own history the server has stored: the agent
 *     sends its entries above it. Null from an older server, which takes no history:
 *     the agent then sends none, since that server would refuse the unknown frame.
 */
public record Welcome(
    String agentId,
    String serverVersion,
    @JsonProperty(required = true) int heartbeatSeconds,
    @Nullable Secret agentSecret,
    @Nullable Long historyAfter)
    implements Message {
  public Welcome {
    Fields.text(agentId, "agentId");
    Fields.text(serverVersion, "serverVersion");
    if (heartbeatSeconds < 1) {
      throw new IllegalArgumentException("field 'heartbeatSeconds' must be at least 1");
    }
    if (historyAfter != null && historyAfter < 0) {
      throw new IllegalArgumentException("field 'historyAfter' must not be negative");
    }
  }

  /** A welcome from a server that takes no history upstream. */
  public Welcome(String agentId, String serverVersion, int heartbeatSeconds, @Nullable Secret agentSecret) {
    this(agentId, serverVersion, heartbeatSeconds, agentSecret, null);
  }

  @Override
  public MessageType type() {
    return MessageType.WELCOME;
  }
}
