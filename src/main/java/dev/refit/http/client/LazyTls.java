package dev.refit.http.client;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The TLS layer of a client, made on its first {@code https://} (or {@code wss://}) peer and kept:
 * a client that only ever speaks plain HTTP loads no TLS class and reads no trust store.
 */
public final class LazyTls implements Supplier<SocketLayer> {
  private final Supplier<SocketLayer> make;
  private @Nullable SocketLayer made;

  /**
   * @param make e.g. {@code () -> new HttpsLayer(context)}
   */
  public LazyTls(Supplier<SocketLayer> make) {
    this.make = make;
  }

  /** With the JVM's default TLS context (its trust store, {@code javax.net.ssl.*} properties). */
  public static LazyTls systemDefault() {
    return new LazyTls(new SystemDefault());
  }

  @Override
  public synchronized SocketLayer get() {
    SocketLayer layer = made;
    if (layer == null) {
      layer = make.get();
      made = layer;
    }
    return layer;
  }

  /**
   * A supplier class rather than a method reference to {@link HttpsLayer#systemDefault}: linking
   * one would load HttpsLayer, and with it the TLS classes, in every JVM that makes a client.
   */
  private static final class SystemDefault implements Supplier<SocketLayer> {
    @Override
    public SocketLayer get() {
      return HttpsLayer.systemDefault();
    }
  }
}
