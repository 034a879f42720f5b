package dev.refit.fleet.server;

import dev.refit.fleet.protocol.Secret;
import org.jspecify.annotations.Nullable;

/**
 * A connection let in, before the WebSocket opens: which agent it is, and for the connection that
 * just spent a join token, the new secret to hand over in the welcome.
 */
public record Admission(String agentId, @Nullable Secret newSecret) {}
