package dev.refit.registry;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/**
 * Reads an answer body into memory as it arrives, and stops (closing the connection) as soon as it
 * would pass its cap: a registry sending gigabytes costs at most the cap, never the heap. A body
 * whose {@code Content-Length} already says it is too big is not read at all.
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
  private final long cap;
  private final long declared;
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private final List<byte[]> chunks = new ArrayList<>();
  private long received;
  private Flow.@Nullable Subscription subscription;

  private CappedBody(long cap, long declared) {
    this.cap = cap;
    this.declared = declared;
  }

  /**
   * @param trustLength whether {@code Content-Length} describes a body that follows (not for HEAD,
   *     whose length describes the body a GET would send)
   */
  static HttpResponse.BodyHandler<byte[]> upTo(long cap, boolean trustLength) {
    return info ->
        new CappedBody(
            cap, trustLength ? info.headers().firstValueAsLong("content-length").orElse(-1) : -1);
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    this.subscription = s;
    if (declared > cap) {
      fail(new AnswerTooLargeException(cap, declared));
      return;
    }
    s.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer buffer : buffers) {
      int n = buffer.remaining();
      if (received + n > cap) {
        fail(new AnswerTooLargeException(cap, -1));
        return;
      }
      byte[] chunk = new byte[n];
      buffer.get(chunk);
      chunks.add(chunk);
      received += n;
    }
    // onSubscribe always comes first in the Flow protocol
    java.util.Objects.requireNonNull(subscription).request(1);
  }

  @Override
  public void onError(Throwable failure) {
    chunks.clear();
    result.completeExceptionally(failure);
  }

  @Override
  public void onComplete() {
    if (result.isDone()) {
      return;
    }
    byte[] body = new byte[(int) received];
    int at = 0;
    for (byte[] chunk : chunks) {
      System.arraycopy(chunk, 0, body, at, chunk.length);
      at += chunk.length;
    }
    chunks.clear();
    result.complete(body);
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }

  private void fail(AnswerTooLargeException tooLarge) {
    chunks.clear();
    java.util.Objects.requireNonNull(subscription).cancel();
    result.completeExceptionally(tooLarge);
  }
}
