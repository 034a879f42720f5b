package dev.refit.fleet.server;

import dev.refit.fleet.protocol.Secret;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

/**
 * Per-agent credentials: issued at enrolment, checked on every connection, revoked by a person.
 * Revocation is read from the store on each check, so a revoked secret fails on its next use (the
 * server also closes the agent's open session, which is the session layer's job).
 */
public final class AgentCredentials {
  /** Agent names become environment names in the UI and logs: keep them short. */
  public static final int MAX_NAME_LENGTH = 128;

  private final AgentStore store;
  private final Clock clock;
  private final SecretHashes secrets;

  public AgentCredentials(AgentStore store, Clock clock, SecureRandom random) {
    this.store = store;
    this.clock = clock;
    this.secrets = new SecretHashes(random);
  }

  public EnrolledAgent issue(String name) {
    checkName(name);
    Secret secret = secrets.newSecret();
    String id = secrets.newId("agt_");
    store.add(new AgentRecord(id, name, SecretHashes.hash(secret), clock.instant(), null));
    return new EnrolledAgent(id, name, secret);
  }

  /**
   * The agent, if this secret is its current one. An unknown id, a wrong secret and a revoked agent
   * all answer empty alike, so a caller cannot tell them apart from outside.
   */
  public Optional<AgentRecord> verify(String agentId, Secret secret) {
    Optional<AgentRecord> agent = store.find(agentId);
    // hash even for an unknown id, so the answer takes about as long either way
    boolean matches = SecretHashes.matches(secret, agent.map(AgentRecord::secretHash).orElse(""));
    return agent.filter(a -> matches && !a.isRevoked());
  }

  /** Refuses a name no agent may have; {@link JoinTokens} calls it before spending a token. */
  public static void checkName(String name) {
    if (name.isBlank() || name.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(
          "agent name must be 1 to " + MAX_NAME_LENGTH + " characters, not blank");
    }
  }

  /**
   * @return false when there is no such agent or it was already revoked
   */
  public boolean revoke(String agentId) {
    return store.revoke(agentId, clock.instant());
  }
}
