package dev.refit.fleet.server;

import dev.refit.fleet.protocol.Secret;

/**
 * What an agent gets once, at enrolment: its id and its secret. The server keeps only the hash, so
 * this is the one moment the secret exists on the server; {@code toString} hides it.
 *
 * @param retried whether this is an enrolment retried with the same join token (the agent never
 *     got its first answer): same id, a new secret
 */
public record EnrolledAgent(String agentId, String name, Secret agentSecret, boolean retried) {
  public EnrolledAgent(String agentId, String name, Secret agentSecret) {
    this(agentId, name, agentSecret, false);
  }
}
