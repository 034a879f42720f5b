package dev.refit.check;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Answers a set of image questions on a few threads, reporting progress as answers arrive. The
 * registry client limits requests per host further; this only bounds how many images are in
 * flight.
 *
 * <p>Questions can be put in lanes (one per registry host): each lane has threads of its own, so a
 * registry that hangs keeps only its own questions waiting, never those of a healthy one.
 */
public final class InParallel {
  private InParallel() {}

  /** As {@link #answer(Collection, int, Function, Function, Function, CheckProgress)}, in one lane. */
  public static <Q, A> Map<Q, A> answer(
      Collection<Q> questions,
      int parallelism,
      Function<Q, A> answer,
      Function<String, A> bug,
      CheckProgress progress) {
    return answer(questions, parallelism, q -> "", answer, bug, progress);
  }

  /**
   * @param parallelism questions answered at once in each lane
   * @param lane the lane of a question, e.g. its registry host
   * @param answer turns a question into its answer; expected failures must become answers
   * @param bug the answer for a question whose {@code answer} threw anyway (a bug), given its
   *     description, so one bad question never hides the others
   * @return the answers, in the questions' order
   */
  public static <Q, A> Map<Q, A> answer(
      Collection<Q> questions,
      int parallelism,
      Function<Q, String> lane,
      Function<Q, A> answer,
      Function<String, A> bug,
      CheckProgress progress) {
    Map<Q, A> answers = new LinkedHashMap<>();
    if (questions.isEmpty()) {
      return answers;
    }
    int total = questions.size();
    AtomicInteger done = new AtomicInteger();
    progress.imagesChecked(0, total);
    Map<String, List<Q>> lanes = new LinkedHashMap<>();
    for (Q question : questions) {
      lanes.computeIfAbsent(lane.apply(question), k -> new ArrayList<>()).add(question);
    }
    List<ExecutorService> pools = new ArrayList<>();
    try {
      Map<Q, Future<A>> pending = new LinkedHashMap<>();
      for (List<Q> inLane : lanes.values()) {
        ExecutorService pool = pool(Math.max(1, Math.min(parallelism, inLane.size())));
        pools.add(pool);
        for (Q question : inLane) {
          pending.put(
              question,
              pool.submit(
                  () -> {
                    A a = answer.apply(question);
                    progress.imagesChecked(done.incrementAndGet(), total);
                    return a;
                  }));
        }
      }
      for (Q question : questions) {
        answers.put(question, await(Objects.requireNonNull(pending.get(question)), bug));
      }
    } finally {
      pools.forEach(ExecutorService::shutdownNow);
    }
    return answers;
  }

  private static ExecutorService pool(int threads) {
    return Executors.newFixedThreadPool(
        threads,
        runnable -> {
          Thread thread = new Thread(runnable, "refit-check");
          thread.setDaemon(true);
          return thread;
        });
  }

  private static <A> A await(Future<A> future, Function<String, A> bug) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      return bug.apply("internal error: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return bug.apply("interrupted");
    }
  }
}
