/**
 * The WebSocket wire format (RFC 6455): frames read and written over plain streams, masked or
 * not, so a server and a client can share it. It knows nothing of HTTP: the handshake's accept
 * key is the only part of the upgrade here.
 */
@NullMarked
package dev.refit.http.websocket;

import org.jspecify.annotations.NullMarked;
