package dev.refit.fleet.server;

import dev.refit.fleet.protocol.Secret;
import java.time.Instant;

/** A join token as shown once to the person enrolling a host; {@code toString} hides it. */
public record IssuedJoinToken(Secret token, Instant expiresAt) {}
