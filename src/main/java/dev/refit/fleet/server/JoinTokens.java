package dev.refit.fleet.server;

import dev.refit.fleet.protocol.Secret;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Join tokens: a person issues one on the server and pastes it on the new host; the agent spends it
 * once to get its own credential. They are short-lived and single-use because they travel through
 * chat and shell history; the agent's secret, which never does, is what stays valid.
 */
public final class JoinTokens {
  /** A token pasted into a terminal should not outlive the working day it was made for. */
  public static final Duration MAX_TTL = Duration.ofDays(1);

  /**
   * How long after its spend a token still enrols its own agent again, should the first answer
   * have been lost: longer than an agent's enrolment handshake timeout (60 s) and a few backoff
   * steps, short enough that a token copied from shell history later is of no use.
   */
  public static final Duration RETRY_WINDOW = Duration.ofMinutes(10);

  private final JoinTokenStore store;
  private final AgentCredentials credentials;
  private final Clock clock;
  private final SecretHashes secrets;

  public JoinTokens(
      JoinTokenStore store, AgentCredentials credentials, Clock clock, SecureRandom random) {
    this.store = store;
    this.credentials = credentials;
    this.clock = clock;
    this.secrets = new SecretHashes(random);
  }

  public IssuedJoinToken issue(Duration ttl) {
    if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
      throw new IllegalArgumentException(
          "join token lifetime must be more than 0 and at most " + MAX_TTL.toHours() + "h");
    }
    Instant now = clock.instant();
    Secret token = secrets.newSecret();
    store.add(new JoinTokenRecord(SecretHashes.hash(token), now, now.plus(ttl)));
    return new IssuedJoinToken(token, now.plus(ttl));
  }

  /**
   * Trades a token for a new agent credential.
   *
   * <p>The token is marked spent before the credential is made: if making it fails, the token is
   * gone and a person issues another, which is safer than a token that could enrol twice.
   *
   * <p>One exception: the agent a token enrolled may present it again, with the same name, for
   * {@link #RETRY_WINDOW} after the spend, as long as it never connected with its own credential
   * and is not revoked. Its first answer was lost (a timeout, a dropped connection, a kill before
   * it wrote its credential file); it gets a new secret and the one it never received stops
   * working. Any other second use is refused as before.
   *
   * @throws EnrolmentException when the token is unknown, expired or already spent
   */
  public EnrolledAgent spend(Secret token, String agentName) {
    // a bad name must not cost the person their token
    AgentCredentials.checkName(agentName);
    Instant now = clock.instant();
    // looked up by hash: the map key is the hash of a random value, so timing reveals nothing
    String hash = SecretHashes.hash(token);
    Optional<JoinTokenRecord> found = store.find(hash);
    Optional<EnrolledAgent> retried = found.flatMap(r -> retry(r, agentName, now));
    if (retried.isPresent()) {
      return retried.get();
    }
    // refused as before: a name in use first, so an agent whose retry is over hears that
    if (credentials.nameTaken(agentName)) {
      throw new EnrolmentException(EnrolmentException.Reason.NAME_TAKEN);
    }
    JoinTokenRecord record =
        found.orElseThrow(() -> new EnrolmentException(EnrolmentException.Reason.UNKNOWN));
    if (record.isSpent()) {
      throw new EnrolmentException(EnrolmentException.Reason.SPENT);
    }
    if (record.isExpired(now)) {
      throw new EnrolmentException(EnrolmentException.Reason.EXPIRED);
    }
    String agentId = credentials.newAgentId();
    if (!store.spend(hash, now, agentId)) {
      // another connection spent it between find and spend
      throw new EnrolmentException(EnrolmentException.Reason.SPENT);
    }
    return credentials.issue(agentId, agentName);
  }

  private Optional<EnrolledAgent> retry(JoinTokenRecord record, String agentName, Instant now) {
    String agentId = record.agentId();
    if (agentId == null || !record.mayRetry(now, RETRY_WINDOW)) {
      return Optional.empty();
    }
    return credentials.reissue(agentId, agentName);
  }

  /** Housekeeping for a timer: forgets tokens that can no longer be used, retries included. */
  public int removeExpired() {
    return store.removeDead(clock.instant(), RETRY_WINDOW);
  }
}
