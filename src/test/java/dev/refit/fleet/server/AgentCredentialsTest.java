package dev.refit.fleet.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.fleet.protocol.Secret;
import dev.refit.testing.MovableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AgentCredentialsTest {
  private final MovableClock clock = new MovableClock(Instant.parse("2026-11-30T04:00:00Z"));
  private final InMemoryAgentStore store = new InMemoryAgentStore();
  private final AgentCredentials credentials =
      new AgentCredentials(store, clock, new SecureRandom());

  @Test
  void theRightSecretVerifies() {
    EnrolledAgent agent = credentials.issue("edge-1");

    assertThat(credentials.verify(agent.agentId(), agent.agentSecret()))
        .hasValueSatisfying(
            a -> {
              assertThat(a.name()).isEqualTo("edge-1");
              assertThat(a.enrolledAt()).isEqualTo(clock.instant());
            });
  }

  @Test
  void aWrongSecretAnotherAgentsSecretOrAnUnknownIdFail() {
    EnrolledAgent one = credentials.issue("one");
    EnrolledAgent two = credentials.issue("two");
    String almost = one.agentSecret().reveal();
    Secret oneCharOff = Secret.of(almost.substring(0, almost.length() - 1) + (almost.endsWith("A") ? "B" : "A"));

    assertThat(credentials.verify(one.agentId(), oneCharOff)).isEmpty();
    assertThat(credentials.verify(one.agentId(), two.agentSecret())).isEmpty();
    assertThat(credentials.verify("agt_nobody", one.agentSecret())).isEmpty();
  }

  @Test
  void revokingFailsTheSecretAtOnce() {
    EnrolledAgent agent = credentials.issue("edge-1");
    EnrolledAgent other = credentials.issue("edge-2");
    clock.advance(Duration.ofHours(3));

    assertThat(credentials.revoke(agent.agentId())).isTrue();

    assertThat(credentials.verify(agent.agentId(), agent.agentSecret())).isEmpty();
    assertThat(credentials.verify(other.agentId(), other.agentSecret())).isPresent();
    assertThat(store.find(agent.agentId()).orElseThrow().revokedAt())
        .isEqualTo(Instant.parse("2026-11-30T07:00:00Z"));
  }

  @Test
  void revokingTwiceOrAnUnknownAgentSaysSo() {
    EnrolledAgent agent = credentials.issue("edge-1");
    assertThat(credentials.revoke(agent.agentId())).isTrue();
    assertThat(credentials.revoke(agent.agentId())).isFalse();
    assertThat(credentials.revoke("agt_nobody")).isFalse();
  }

  @Test
  void theStoreHoldsOnlyAHash() {
    EnrolledAgent agent = credentials.issue("edge-1");
    AgentRecord stored = store.find(agent.agentId()).orElseThrow();

    assertThat(stored.secretHash()).isEqualTo(SecretHashes.hash(agent.agentSecret()));
    assertThat(stored.toString()).doesNotContain(agent.agentSecret().reveal());
  }

  @Test
  void aCorruptStoredHashFailsClosed() {
    store.add(new AgentRecord("agt_bad", "bad", "not base64 !!", java.util.Set.of(), clock.instant(), null));
    assertThat(credentials.verify("agt_bad", Secret.of("anything"))).isEmpty();
  }

  @Test
  void idsAndSecretsDifferPerAgent() {
    EnrolledAgent a = credentials.issue("same-name");
    EnrolledAgent b = credentials.issue("same-name");
    assertThat(a.agentId()).isNotEqualTo(b.agentId());
    assertThat(a.agentSecret()).isNotEqualTo(b.agentSecret());
  }
}
