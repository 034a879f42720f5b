package dev.refit.fleet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refit.fleet.protocol.Secret;
import dev.refit.testing.MovableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JoinTokensTest {
  private static final Duration TTL = Duration.ofMinutes(15);
  private final MovableClock clock = new MovableClock(Instant.parse("2026-11-30T04:00:00Z"));
  private final InMemoryJoinTokenStore tokenStore = new InMemoryJoinTokenStore();
  private final InMemoryAgentStore agentStore = new InMemoryAgentStore();
  private final AgentCredentials credentials =
      new AgentCredentials(agentStore, clock, new SecureRandom());
  private final JoinTokens tokens =
      new JoinTokens(tokenStore, credentials, clock, new SecureRandom());

  @Test
  void aTokenIs32RandomBytesInBase64Url() {
    IssuedJoinToken issued = tokens.issue(TTL);
    String value = issued.token().reveal();

    assertThat(value).hasSize(43).matches("[A-Za-z0-9_-]+");
    assertThat(Base64.getUrlDecoder().decode(value)).hasSize(32);
    assertThat(issued.expiresAt()).isEqualTo(Instant.parse("2026-11-30T04:15:00Z"));
    assertThat(tokens.issue(TTL).token()).isNotEqualTo(issued.token());
  }

  @Test
  void onlyTheHashIsStored() {
    IssuedJoinToken issued = tokens.issue(TTL);
    assertThat(tokenStore.find(issued.token().reveal())).isEmpty();
    assertThat(tokenStore.find(SecretHashes.hash(issued.token()))).isPresent();
  }

  @Test
  void spendingATokenEnrolsAnAgentWhoseSecretVerifies() {
    IssuedJoinToken issued = tokens.issue(TTL);

    EnrolledAgent agent = tokens.spend(issued.token(), "edge-berlin-1");

    assertThat(agent.agentId()).startsWith("agt_");
    assertThat(agent.name()).isEqualTo("edge-berlin-1");
    assertThat(credentials.verify(agent.agentId(), agent.agentSecret())).isPresent();
    assertThat(agentStore.all()).singleElement()
        .satisfies(a -> assertThat(a.secretHash()).isNotEqualTo(agent.agentSecret().reveal()));
  }

  @Test
  void aTokenWorksOnce() {
    IssuedJoinToken issued = tokens.issue(TTL);
    tokens.spend(issued.token(), "a");

    assertThatThrownBy(() -> tokens.spend(issued.token(), "b"))
        .isInstanceOf(EnrolmentException.class)
        .hasMessage("join token was already used; issue a new one");
    assertThat(agentStore.all()).hasSize(1);
  }

  @Test
  void aTokenExpiresAtItsTtl() {
    IssuedJoinToken issued = tokens.issue(TTL);
    clock.advance(TTL.minusMillis(1));
    IssuedJoinToken second = tokens.issue(TTL);
    assertThat(tokens.spend(issued.token(), "just-in-time")).isNotNull();

    clock.advance(TTL);
    assertThatThrownBy(() -> tokens.spend(second.token(), "late"))
        .isInstanceOf(EnrolmentException.class)
        .satisfies(e -> assertThat(((EnrolmentException) e).reason())
            .isEqualTo(EnrolmentException.Reason.EXPIRED));
  }

  @Test
  void exactlyAtExpiryTheTokenIsDead() {
    IssuedJoinToken issued = tokens.issue(TTL);
    clock.advance(TTL);
    assertThatThrownBy(() -> tokens.spend(issued.token(), "a"))
        .hasMessage("join token has expired; issue a new one");
  }

  @Test
  void anUnknownTokenIsRefusedWithoutEchoingIt() {
    tokens.issue(TTL);
    Secret guess = Secret.of("guessed-token-value-AAAAAAAAAAAAAAAAAAAAAAAAA");
    assertThatThrownBy(() -> tokens.spend(guess, "a"))
        .hasMessage("join token is not known to this server")
        .satisfies(e -> assertThat(e.toString()).doesNotContain("guessed"));
  }

  @Test
  void aBadNameDoesNotCostTheToken() {
    IssuedJoinToken issued = tokens.issue(TTL);
    assertThatThrownBy(() -> tokens.spend(issued.token(), " "))
        .hasMessageContaining("must be 1 to 128 letters, digits");
    assertThatThrownBy(() -> tokens.spend(issued.token(), "x".repeat(129)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(tokens.spend(issued.token(), "fine")).isNotNull();
  }

  @Test
  void ttlMustBeShortAndPositive() {
    assertThatThrownBy(() -> tokens.issue(Duration.ZERO))
        .hasMessage("join token lifetime must be more than 0 and at most 24h");
    assertThatThrownBy(() -> tokens.issue(Duration.ofHours(25)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(tokens.issue(JoinTokens.MAX_TTL).expiresAt())
        .isEqualTo(Instant.parse("2026-12-01T04:00:00Z"));
  }

  @Test
  void expiredTokensAreSweptAway() {
    tokens.issue(Duration.ofMinutes(1));
    IssuedJoinToken lasting = tokens.issue(Duration.ofHours(1));
    clock.advance(Duration.ofMinutes(5));

    assertThat(tokens.removeExpired()).isEqualTo(1);
    assertThat(tokens.spend(lasting.token(), "a")).isNotNull();
  }

  @Test
  void issuedValuesHideTheirSecretsInToString() {
    IssuedJoinToken issued = tokens.issue(TTL);
    EnrolledAgent agent = tokens.spend(issued.token(), "a");
    assertThat(issued.toString()).doesNotContain(issued.token().reveal()).contains("***");
    assertThat(agent.toString()).doesNotContain(agent.agentSecret().reveal()).contains("***");
  }

  @Test
  void manyTokensNeverCollide() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      assertThat(seen.add(tokens.issue(TTL).token().reveal())).isTrue();
    }
  }

  @Test
  void racingAgentsEnrolOnceWithOneToken() throws Exception {
    IssuedJoinToken issued = tokens.issue(TTL);
    int racers = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < racers; i++) {
        String name = "racer-" + i;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  try {
                    tokens.spend(issued.token(), name);
                    return true;
                  } catch (EnrolmentException e) {
                    return false;
                  }
                }));
      }
      start.countDown();
      int won = 0;
      for (Future<Boolean> result : results) {
        won += result.get(10, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(won).isEqualTo(1);
      assertThat(agentStore.all()).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  // ------------------------------------------------------------ a retry whose first answer was lost

  private EnrolmentException.Reason refusal(Secret token, String name) {
    try {
      tokens.spend(token, name);
    } catch (EnrolmentException e) {
      return e.reason();
    }
    throw new AssertionError("enrolled '" + name + "' again");
  }

  @Test
  void theSameAgentRetryingWithinTheWindowGetsANewSecretAndTheLostOneStopsWorking() {
    IssuedJoinToken issued = tokens.issue(TTL);
    EnrolledAgent first = tokens.spend(issued.token(), "edge-1");
    clock.advance(JoinTokens.RETRY_WINDOW.minusSeconds(1));

    EnrolledAgent again = tokens.spend(issued.token(), "edge-1");

    assertThat(again.retried()).isTrue();
    assertThat(first.retried()).isFalse();
    assertThat(again.agentId()).isEqualTo(first.agentId());
    assertThat(again.agentSecret()).isNotEqualTo(first.agentSecret());
    assertThat(credentials.verify(first.agentId(), first.agentSecret())).isEmpty();
    assertThat(credentials.verify(again.agentId(), again.agentSecret())).isPresent();
    assertThat(agentStore.all()).singleElement()
        .satisfies(a -> assertThat(a.secretHash()).isEqualTo(SecretHashes.hash(again.agentSecret())));
    // lost again: still within the window counted from the spend, not from the last retry
    assertThat(tokens.spend(issued.token(), "edge-1").agentId()).isEqualTo(first.agentId());
    clock.advance(Duration.ofSeconds(1));
    assertThat(refusal(issued.token(), "edge-1")).isEqualTo(EnrolmentException.Reason.NAME_TAKEN);
  }

  @Test
  void theWindowCountsFromTheSpendEvenPastTheTokensExpiryAndKeepsTheTokenUntilItCloses() {
    IssuedJoinToken issued = tokens.issue(Duration.ofMinutes(5));
    clock.advance(Duration.ofMinutes(4));
    EnrolledAgent first = tokens.spend(issued.token(), "late");
    clock.advance(Duration.ofMinutes(6));

    assertThat(tokens.removeExpired()).isZero();
    assertThat(tokens.spend(issued.token(), "late").agentId()).isEqualTo(first.agentId());

    clock.advance(Duration.ofMinutes(4));
    assertThat(tokens.removeExpired()).isEqualTo(1);
    assertThat(refusal(issued.token(), "late")).isEqualTo(EnrolmentException.Reason.NAME_TAKEN);
  }

  @Test
  void anotherNameIsRefusedAsSpentAndLeavesTheEnrolledAgentAlone() {
    IssuedJoinToken issued = tokens.issue(TTL);
    EnrolledAgent first = tokens.spend(issued.token(), "edge-1");

    assertThat(refusal(issued.token(), "edge-2")).isEqualTo(EnrolmentException.Reason.SPENT);
    assertThat(credentials.verify(first.agentId(), first.agentSecret())).isPresent();
    assertThat(agentStore.all()).hasSize(1);
  }

  @Test
  void noRetryOnceTheAgentConnectedWithItsOwnCredential() {
    IssuedJoinToken issued = tokens.issue(TTL);
    EnrolledAgent first = tokens.spend(issued.token(), "edge-1");
    assertThat(credentials.confirm(credentials.verify(first.agentId(), first.agentSecret()).orElseThrow())).isTrue();

    // refused as before V6 (the name is in use): the agent's line says to revoke or rename
    assertThat(refusal(issued.token(), "edge-1")).isEqualTo(EnrolmentException.Reason.NAME_TAKEN);
    assertThat(credentials.verify(first.agentId(), first.agentSecret())).isPresent();
  }

  @Test
  void noRetryForARevokedAgent() {
    IssuedJoinToken issued = tokens.issue(TTL);
    EnrolledAgent first = tokens.spend(issued.token(), "edge-1");
    credentials.revoke(first.agentId());

    assertThat(refusal(issued.token(), "edge-1")).isEqualTo(EnrolmentException.Reason.SPENT);
    assertThat(agentStore.all()).singleElement().satisfies(a -> assertThat(a.isRevoked()).isTrue());
  }

  @Test
  void aRetryWithABadNameDoesNotCostTheRetry() {
    IssuedJoinToken issued = tokens.issue(TTL);
    EnrolledAgent first = tokens.spend(issued.token(), "edge-1");
    assertThatThrownBy(() -> tokens.spend(issued.token(), "bad name"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(tokens.spend(issued.token(), "edge-1").agentId()).isEqualTo(first.agentId());
  }

  @Test
  void tokensAndAgentsFromBeforeTheRetryWereKeptAreNeverEligible() {
    // as V6 leaves a token spent by an older Refit: no agent id on it
    Secret token = Secret.of("an-old-token-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    tokenStore.add(new JoinTokenRecord(SecretHashes.hash(token), clock.instant(), clock.instant().plus(TTL), clock.instant(), null));
    credentials.issue("old-edge");

    assertThat(refusal(token, "old-edge")).isEqualTo(EnrolmentException.Reason.NAME_TAKEN);
    assertThat(refusal(token, "other")).isEqualTo(EnrolmentException.Reason.SPENT);
  }

  /**
   * Two retries that both read the agent before either replaced its secret (held at the store's
   * replace until both are there): the compare-and-set lets one through.
   */
  @Test
  void ofTwoRetriesAtOnceOneWinsAndOnlyItsSecretWorks() throws Exception {
    CyclicBarrier bothRead = new CyclicBarrier(2);
    InMemoryAgentStore agents = new InMemoryAgentStore();
    AgentStore racing =
        (AgentStore)
            java.lang.reflect.Proxy.newProxyInstance(
                AgentStore.class.getClassLoader(),
                new Class<?>[] {AgentStore.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("replaceSecret")) {
                    bothRead.await(10, TimeUnit.SECONDS);
                  }
                  try {
                    return method.invoke(agents, args);
                  } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    AgentCredentials racingCredentials = new AgentCredentials(racing, clock, new SecureRandom());
    JoinTokens racingTokens =
        new JoinTokens(new InMemoryJoinTokenStore(), racingCredentials, clock, new SecureRandom());
    IssuedJoinToken issued = racingTokens.issue(TTL);
    EnrolledAgent first = racingTokens.spend(issued.token(), "edge-1");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<EnrolledAgent>> results = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        results.add(
            pool.submit(
                () -> {
                  try {
                    return racingTokens.spend(issued.token(), "edge-1");
                  } catch (EnrolmentException e) {
                    return null;
                  }
                }));
      }
      List<EnrolledAgent> won = new ArrayList<>();
      for (Future<EnrolledAgent> result : results) {
        EnrolledAgent agent = result.get(10, TimeUnit.SECONDS);
        if (agent != null) {
          won.add(agent);
        }
      }
      assertThat(won).hasSize(1);
      assertThat(racingCredentials.verify(first.agentId(), won.get(0).agentSecret())).isPresent();
      assertThat(racingCredentials.verify(first.agentId(), first.agentSecret())).isEmpty();
      assertThat(agents.all()).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
