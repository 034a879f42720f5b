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

  private static final java.util.regex.Pattern NAME =
      java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0," + (MAX_NAME_LENGTH - 1) + "}");

  private final AgentStore store;
  private final java.util.Set<String> reserved;
  private final Clock clock;
  private final SecretHashes secrets;

  public AgentCredentials(AgentStore store, Clock clock, SecureRandom random) {
    this(store, clock, random, java.util.Set.of());
  }

  /** @param reserved names no agent may take ({@code local} while the server's engine is one) */
  public AgentCredentials(
      AgentStore store, Clock clock, SecureRandom random, java.util.Set<String> reserved) {
    this.reserved = java.util.Set.copyOf(reserved);
    this.store = store;
    this.clock = clock;
    this.secrets = new SecretHashes(random);
  }

  public EnrolledAgent issue(String name) {
    return issue(newAgentId(), name);
  }

  /** A fresh agent id, for a join token to name the agent it enrols before that agent exists. */
  String newAgentId() {
    return secrets.newId("agt_");
  }

  EnrolledAgent issue(String agentId, String name) {
    checkName(name);
    Secret secret = secrets.newSecret();
    store.add(
        new AgentRecord(agentId, name, SecretHashes.hash(secret), java.util.Set.of(), clock.instant(), null));
    return new EnrolledAgent(agentId, name, secret);
  }

  /**
   * A new secret for an agent that never received its first one: only while it has this name, is
   * not revoked and never connected with its credential. The old secret stops working. {@link
   * JoinTokens} decides when a retry may ask for this.
   *
   * @return empty when the agent is not eligible, or a concurrent retry replaced the secret first
   */
  Optional<EnrolledAgent> reissue(String agentId, String name) {
    Optional<AgentRecord> agent =
        store.find(agentId).filter(a -> a.name().equals(name) && !a.isRevoked() && !a.isConfirmed());
    if (agent.isEmpty()) {
      return Optional.empty();
    }
    Secret secret = secrets.newSecret();
    if (!store.replaceSecret(agentId, agent.get().secretHash(), SecretHashes.hash(secret))) {
      return Optional.empty();
    }
    return Optional.of(new EnrolledAgent(agentId, name, secret, true));
  }

  /**
   * Notes that the agent connected with its own credential (once; no write after that): from then
   * on its join token can no longer enrol it again.
   *
   * @param agent as {@link #verify} found it
   * @return false when an enrolment retry replaced the secret since it was verified
   */
  public boolean confirm(AgentRecord agent) {
    return agent.isConfirmed() || store.confirm(agent.agentId(), agent.secretHash(), clock.instant());
  }

  /**
   * Notes that an agent enrolled on this connection has its credential: it spoke after the welcome
   * that carried it, which it stores before anything else. Without this, an agent enrolled and
   * still on its first connection would count as unconfirmed until it reconnects, and its spent
   * token, if copied meanwhile, could enrol it again for the rest of the retry window.
   *
   * @return false when an enrolment retry replaced that secret meanwhile
   */
  public boolean confirmEnrolled(String agentId, Secret secret) {
    return store.confirm(agentId, SecretHashes.hash(secret), clock.instant());
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

  /**
   * Refuses a name no agent may have; {@link JoinTokens} calls it before spending a token. Names
   * are environment names in URLs, labels of metrics and CLI arguments: plain words only.
   */
  public static void checkName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "agent name '" + (name.length() > 40 ? name.substring(0, 40) + "…" : name)
              + "' must be 1 to " + MAX_NAME_LENGTH
              + " letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
  }

  /** Whether an agent not revoked has this name (or it is reserved for the server's own engine). */
  public boolean nameTaken(String name) {
    return reserved.contains(name) || store.findByName(name).isPresent();
  }

  /**
   * @return false when there is no such agent or it was already revoked
   */
  public boolean revoke(String agentId) {
    return store.revoke(agentId, clock.instant());
  }
}
