package dev.refit.registry;

import org.jspecify.annotations.Nullable;
/**
 * What one registry host cost in this run.
 *
 * @param host the API host, e.g. {@code registry-1.docker.io}
 * @param requests HTTP requests sent, retries and token requests to this host included
 * @param errors requests that ended in an error answer or no answer
 * @param rateLimitRemaining the last {@code ratelimit-remaining} the host sent, or {@code null}
 * @param rateLimited whether the host answered 429 in this run
 */
public record RegistryHostStats(
    String host, long requests, long errors, @Nullable Integer rateLimitRemaining, boolean rateLimited) {}
