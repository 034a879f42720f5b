/**
 * HTTP/1.1 to the Docker Engine by hand: unix sockets through {@code java.nio} channels, tcp with
 * or without TLS through sockets, a small keep-alive pool. It replaces docker-java's transport
 * (httpclient5, Guava, and TLS classes loaded even for the local socket) with a few classes that
 * load nothing of {@code javax.net.ssl} unless the engine is reached over TLS.
 */
@NullMarked
package dev.refit.docker.http;

import org.jspecify.annotations.NullMarked;
