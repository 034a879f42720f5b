package dev.refit.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InParallelTest {
  @Test
  void aBlockedLaneHoldsUpNoOtherLane() {
    CountDownLatch healthyDone = new CountDownLatch(3);
    // one thread per lane; the stuck lane's questions come first and only go on once the other
    // lane has answered everything: with one shared queue this would wait for the 10 s fallback
    Map<String, String> answers =
        InParallel.answer(
            List.of("stuck/1", "stuck/2", "fine/1", "fine/2", "fine/3"),
            1,
            q -> q.substring(0, q.indexOf('/')),
            q -> {
              if (q.startsWith("stuck")) {
                try {
                  return healthyDone.await(10, TimeUnit.SECONDS) ? "after the others" : "blocked";
                } catch (InterruptedException e) {
                  return "interrupted";
                }
              }
              healthyDone.countDown();
              return "ok";
            },
            bug -> bug,
            (done, total) -> {});
    assertThat(answers)
        .containsExactly(
            Map.entry("stuck/1", "after the others"),
            Map.entry("stuck/2", "after the others"),
            Map.entry("fine/1", "ok"),
            Map.entry("fine/2", "ok"),
            Map.entry("fine/3", "ok"));
  }

  @Test
  void aQuestionThatThrowsBecomesItsBugAnswerAndProgressCountsAll() {
    int[] last = new int[2];
    Map<Integer, String> answers =
        InParallel.answer(
            List.of(1, 2, 3),
            4,
            q -> {
              if (q == 2) {
                throw new IllegalStateException("boom");
              }
              return "ok " + q;
            },
            bug -> bug,
            (done, total) -> {
              synchronized (last) {
                last[0] = Math.max(last[0], done);
                last[1] = total;
              }
            });
    assertThat(answers)
        .containsExactly(
            Map.entry(1, "ok 1"),
            Map.entry(2, "internal error: java.lang.IllegalStateException: boom"),
            Map.entry(3, "ok 3"));
    assertThat(last).containsExactly(2, 3);
  }
}
