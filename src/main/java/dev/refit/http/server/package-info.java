/**
 * Refit's own HTTP/1.1 server: blocking, one thread per open connection from a small pool that
 * shrinks when idle, with routes, filters and error mapping of the kind the daemon needs, event
 * streams and WebSockets. It replaces Jetty and Javalin (about a thousand classes loaded for a
 * daemon that answers a few requests a minute) and depends on no Refit domain package.
 */
@NullMarked
package dev.refit.http.server;

import org.jspecify.annotations.NullMarked;
