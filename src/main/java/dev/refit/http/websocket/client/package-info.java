/**
 * A blocking WebSocket client (RFC 6455) on Refit's own wire codec ({@code dev.refit.http.websocket})
 * and HTTP client dialling ({@code dev.refit.http.client}): the upgrade handshake, masked frames
 * out, one daemon reader thread per connection delivering text messages to a listener. A {@code
 * ws://} peer loads no TLS class; {@code wss://} goes through {@code HttpsLayer}.
 */
@NullMarked
package dev.refit.http.websocket.client;

import org.jspecify.annotations.NullMarked;
