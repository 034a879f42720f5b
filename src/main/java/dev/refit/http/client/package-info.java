/**
 * A blocking HTTP/1.1 client written by hand, shared by the Docker Engine transport and the
 * registry client: one {@link dev.refit.http.client.Exchanger} per peer (a dialer and a small
 * keep-alive pool, no thread of its own), and {@link dev.refit.http.client.OriginClient} for
 * {@code http://} and {@code https://} origins on top. Every call runs in the caller's thread.
 * {@code javax.net.ssl} is named by {@link dev.refit.http.client.HttpsLayer} only, so a JVM that
 * speaks plain HTTP loads no TLS class.
 */
@NullMarked
package dev.refit.http.client;

import org.jspecify.annotations.NullMarked;
