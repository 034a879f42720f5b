package dev.refit.check;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
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
 */
public final class InParallel {
  private InParallel() {}

  /**
   * @param answer turns a question into its answer; expected failures must become answers
   * @param bug the answer for a question whose {@code answer} threw anyway (a bug), given its
   *     description, so one bad question never hides the others
   * @return the answers, in the questions' order
   */
  public static <Q, A> Map<Q, A> answer(
      Collection<Q> questions,
      int parallelism,
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
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(parallelism, total)),
            runnable -> {
              Thread thread = new Thread(runnable, "refit-check");
              thread.setDaemon(true);
              return thread;
            });
    try {
      Map<Q, Future<A>> pending = new LinkedHashMap<>();
      for (Q question : questions) {
        pending.put(
            question,
            pool.submit(
                () -> {
                  A a = answer.apply(question);
                  progress.imagesChecked(done.incrementAndGet(), total);
                  return a;
                }));
      }
      for (Map.Entry<Q, Future<A>> entry : pending.entrySet()) {
        answers.put(entry.getKey(), await(entry.getValue(), bug));
      }
    } finally {
      pool.shutdownNow();
    }
    return answers;
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
