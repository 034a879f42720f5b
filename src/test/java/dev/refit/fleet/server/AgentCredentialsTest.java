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
    // one live agent per name (the environment's name), so two hosts enrol as two names
    EnrolledAgent a = credentials.issue("one");
    EnrolledAgent b = credentials.issue("two");
    assertThat(a.agentId()).isNotEqualTo(b.agentId());
    assertThat(a.agentSecret()).isNotEqualTo(b.agentSecret());
  }

  @Test
  void theFirstConnectionWithTheCredentialIsNotedOnce() {
    EnrolledAgent agent = credentials.issue("edge-1");
    AgentRecord verified = credentials.verify(agent.agentId(), agent.agentSecret()).orElseThrow();
    assertThat(verified.isConfirmed()).isFalse();

    assertThat(credentials.confirm(verified)).isTrue();
    clock.advance(Duration.ofMinutes(5));
    assertThat(credentials.confirm(credentials.verify(agent.agentId(), agent.agentSecret()).orElseThrow())).isTrue();

    assertThat(store.find(agent.agentId()).orElseThrow().confirmedAt())
        .isEqualTo(Instant.parse("2026-11-30T04:00:00Z"));
  }

  @Test
  void aReissuedSecretReplacesTheOldOneAndAConnectionVerifiedWithTheOldOneIsNotConfirmed() {
    EnrolledAgent agent = credentials.issue("edge-1");
    AgentRecord verifiedBefore = credentials.verify(agent.agentId(), agent.agentSecret()).orElseThrow();

    EnrolledAgent again = credentials.reissue(agent.agentId(), "edge-1").orElseThrow();

    assertThat(again.agentId()).isEqualTo(agent.agentId());
    assertThat(again.retried()).isTrue();
    assertThat(credentials.confirm(verifiedBefore)).isFalse();
    assertThat(credentials.verify(agent.agentId(), agent.agentSecret())).isEmpty();
    assertThat(credentials.confirm(credentials.verify(again.agentId(), again.agentSecret()).orElseThrow())).isTrue();
    assertThat(credentials.reissue(agent.agentId(), "edge-1")).isEmpty();
  }

  @Test
  void noReissueForAnotherNameARevokedOrAnUnknownAgent() {
    EnrolledAgent agent = credentials.issue("edge-1");
    assertThat(credentials.reissue(agent.agentId(), "edge-2")).isEmpty();
    assertThat(credentials.reissue("agt_nobody", "edge-1")).isEmpty();
    credentials.revoke(agent.agentId());
    assertThat(credentials.reissue(agent.agentId(), "edge-1")).isEmpty();
    assertThat(store.find(agent.agentId()).orElseThrow().secretHash()).isEqualTo(SecretHashes.hash(agent.agentSecret()));
  }
}
