package dev.refit.http.client;

/**
 * A whole answer of an origin, its body read into memory within the caller's cap.
 *
 * @param body empty for HEAD, 204 and 304
 */
public record Answer(int status, Headers headers, byte[] body) {}
