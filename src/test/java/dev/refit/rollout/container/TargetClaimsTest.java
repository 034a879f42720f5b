package dev.refit.rollout.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TargetClaimsTest {
  private static final Instant NOW = Instant.parse("2026-11-30T04:00:00Z");
  private static final Duration LEASE = Duration.ofHours(1);

  /** Names unique as on the engine: a create under a taken name fails. */
  static final class FakeEngine implements ClaimEngine {
    final Map<String, Holder> byName = new HashMap<>();
    int next;

    @Override
    public boolean create(String name, String image, Map<String, String> labels) {
      if (byName.containsKey(name)) {
        return false;
      }
      byName.put(name, new Holder("id" + (++next), Map.copyOf(labels), NOW));
      return true;
    }

    @Override
    public Optional<Holder> find(String name) {
      return Optional.ofNullable(byName.get(name));
    }

    @Override
    public java.util.List<Holder> claims() {
      return java.util.List.copyOf(byName.values());
    }

    @Override
    public void remove(String id) {
      byName.values().removeIf(h -> h.id().equals(id));
    }
  }

  private final FakeEngine engine = new FakeEngine();
  private final Set<ClaimOwner> gone = new HashSet<>();
  private final ClaimOwner a = new ClaimOwner("host-a/pid:[1]", 100, Instant.parse("2026-11-30T03:00:00Z"));
  private final ClaimOwner b = new ClaimOwner("host-b/pid:[1]", 200, Instant.parse("2026-11-30T03:10:00Z"));

  private TargetClaims claims(ClaimOwner me, Instant now) {
    return new TargetClaims(engine, me, gone::contains, Clock.fixed(now, ZoneOffset.UTC), LEASE);
  }

  @Test
  void theFirstClaimWinsAndTheSecondSeesWhoHoldsIt() {
    var first = claims(a, NOW).claim("web", "sha256:img");
    var second = claims(b, NOW).claim("web", "sha256:img");

    assertThat(first).isInstanceOf(TargetClaims.Claimed.class);
    assertThat(engine.byName).containsKey("web-refit-claim");
    assertThat(second).isInstanceOf(TargetClaims.Taken.class);
    TargetClaims.Busy busy = ((TargetClaims.Taken) second).busy();
    assertThat(busy.owner()).isEqualTo(a);
    assertThat(busy.describe()).isEqualTo("being updated by another Refit (pid 100 on host-a, since 2026-11-30T04:00:00Z)");
    assertThat(claims(b, NOW).heldByOther("web")).isPresent();
  }

  @Test
  void aReleasedClaimCanBeTakenAgain() {
    var first = (TargetClaims.Claimed) claims(a, NOW).claim("web", "img");
    claims(a, NOW).release(first.claim());

    assertThat(engine.byName).isEmpty();
    assertThat(claims(b, NOW).claim("web", "img")).isInstanceOf(TargetClaims.Claimed.class);
  }

  @Test
  void theClaimOfAnOwnerKnownGoneIsTakenOver() {
    claims(a, NOW).claim("web", "img");
    gone.add(a);

    assertThat(claims(b, NOW).heldByOther("web")).isEmpty();
    var taken = claims(b, NOW).claim("web", "img");

    assertThat(taken).isInstanceOf(TargetClaims.Claimed.class);
    assertThat(engine.byName.get("web-refit-claim").labels()).containsEntry(TargetClaims.PID, "200");
  }

  @Test
  void aClaimFromAnotherMachineHoldsUntilItsLeaseRunsOut() {
    claims(a, NOW).claim("web", "img");

    assertThat(claims(b, NOW.plus(LEASE).minusSeconds(1)).claim("web", "img"))
        .isInstanceOf(TargetClaims.Taken.class);
    assertThat(claims(b, NOW.plus(LEASE).plusSeconds(1)).claim("web", "img"))
        .isInstanceOf(TargetClaims.Claimed.class);
  }

  @Test
  void releasingNeverRemovesAClaimTakenOverBySomeoneElse() {
    var mine = (TargetClaims.Claimed) claims(a, NOW).claim("web", "img");
    gone.add(a); // e.g. seen as gone: b takes over
    claims(b, NOW).claim("web", "img");

    claims(a, NOW).release(mine.claim());

    assertThat(engine.byName.get("web-refit-claim").labels()).containsEntry(TargetClaims.PID, "200");
  }

  @Test
  void aContainerUnderTheClaimNameWithoutOwnerLabelsHoldsForTheLeaseFromItsCreation() {
    engine.byName.put("web-refit-claim", new ClaimEngine.Holder("x", Map.of(), NOW));

    var taken = claims(b, NOW.plusSeconds(60)).claim("web", "img");

    assertThat(taken).isInstanceOf(TargetClaims.Taken.class);
    assertThat(((TargetClaims.Taken) taken).busy().describe()).contains("owner unknown");
  }

  @Test
  void staleClaimsAreRemovedAndLiveOnesStay() {
    claims(a, NOW).claim("web", "img");
    claims(b, NOW).claim("db", "img");
    gone.add(a);

    assertThat(claims(b, NOW).removeStale()).containsExactly("web");
    assertThat(engine.byName).containsOnlyKeys("db-refit-claim");
  }

  @Test
  void theCurrentProcessIsNotGoneAndADeadPidIs() {
    ClaimOwner me = ClaimOwner.current();
    assertThat(me.knownGone()).isFalse();
    assertThat(new ClaimOwner(me.machine(), me.pid(), me.processStart().minusSeconds(5)).knownGone()).isTrue();
    assertThat(new ClaimOwner(me.machine(), Integer.MAX_VALUE - 7, me.processStart()).knownGone()).isTrue();
    assertThat(new ClaimOwner("elsewhere/pid:[9]", 1, Instant.EPOCH).knownGone()).isFalse();
  }
}
