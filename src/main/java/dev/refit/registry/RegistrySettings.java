package dev.refit.registry;

import java.time.Duration;
import java.util.Set;

/**
 * How Refit talks to registries. Read from configuration at the edge and passed in.
 *
 * @param insecureRegistries registries reached over plain http, besides loopback ones
 * @param maxConcurrentRequestsPerRegistry requests in flight to one registry host at once
 * @param connectTimeout TCP and TLS connect timeout
 * @param requestTimeout time for a whole answer; a host that takes longer once is not asked again
 *     in that run (a silent registry costs one timeout, not one per try or per image)
 * @param maxAttempts tries for one request when the registry answers 5xx or the connection fails
 *     (never after a timeout)
 * @param retryBackoff the wait before the second try; doubles for each further try
 * @param tagPageSize {@code n} asked for per tag list page (registries may send fewer)
 * @param maxTagPages pages read per repository before giving up: a guard against endless links
 * @param maxAnswerBytes the most bytes read for one manifest or one repository's whole tag list
 *     (all its pages together); a bigger answer is an error on its row, never a full heap
 * @param userAgent sent with every request
 */
public record RegistrySettings(
    Set<String> insecureRegistries,
    int maxConcurrentRequestsPerRegistry,
    Duration connectTimeout,
    Duration requestTimeout,
    int maxAttempts,
    Duration retryBackoff,
    int tagPageSize,
    int maxTagPages,
    long maxAnswerBytes,
    String userAgent) {

  public RegistrySettings {
    insecureRegistries = Set.copyOf(insecureRegistries);
    if (maxConcurrentRequestsPerRegistry < 1) {
      throw new IllegalArgumentException("maxConcurrentRequestsPerRegistry must be at least 1");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (tagPageSize < 1 || maxTagPages < 1) {
      throw new IllegalArgumentException("tagPageSize and maxTagPages must be at least 1");
    }
    if (maxAnswerBytes < 1 || maxAnswerBytes > MAX_ANSWER_LIMIT) {
      throw new IllegalArgumentException("maxAnswerBytes must be between 1 and 1GB");
    }
  }

  /** The largest cap on one answer that may be configured: bodies are read into one array. */
  private static final long MAX_ANSWER_LIMIT = ByteSize.parse("1GB").bytes();

  /**
   * Reads {@code registry.maxAnswerSize} as users write it ({@code 16MB}).
   *
   * @throws IllegalArgumentException saying what is allowed
   */
  public static long parseMaxAnswerSize(String text) {
    long bytes = ByteSize.parse(text).bytes();
    if (bytes > MAX_ANSWER_LIMIT) {
      throw new IllegalArgumentException("is more than 1GB");
    }
    return bytes;
  }

  public static RegistrySettings defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.insecureRegistries = insecureRegistries;
    b.maxConcurrentRequestsPerRegistry = maxConcurrentRequestsPerRegistry;
    b.connectTimeout = connectTimeout;
    b.requestTimeout = requestTimeout;
    b.maxAttempts = maxAttempts;
    b.retryBackoff = retryBackoff;
    b.tagPageSize = tagPageSize;
    b.maxTagPages = maxTagPages;
    b.maxAnswerBytes = maxAnswerBytes;
    b.userAgent = userAgent;
    return b;
  }

  /** Starts from the defaults; each setter replaces one of them. */
  public static final class Builder {
    private Set<String> insecureRegistries = Set.of();
    private int maxConcurrentRequestsPerRegistry = 4;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private int maxAttempts = 3;
    private Duration retryBackoff = Duration.ofMillis(500);
    private int tagPageSize = 1000;
    private int maxTagPages = 100;
    private long maxAnswerBytes = ByteSize.parse("16MB").bytes();
    private String userAgent = "refit";

    private Builder() {}

    public Builder insecureRegistries(Set<String> registries) {
      this.insecureRegistries = registries;
      return this;
    }

    public Builder maxConcurrentRequestsPerRegistry(int requests) {
      this.maxConcurrentRequestsPerRegistry = requests;
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = timeout;
      return this;
    }

    public Builder retries(int attempts, Duration backoff) {
      this.maxAttempts = attempts;
      this.retryBackoff = backoff;
      return this;
    }

    public Builder tagPages(int pageSize, int maxPages) {
      this.tagPageSize = pageSize;
      this.maxTagPages = maxPages;
      return this;
    }

    public Builder maxAnswerBytes(long bytes) {
      this.maxAnswerBytes = bytes;
      return this;
    }

    public Builder userAgent(String agent) {
      this.userAgent = agent;
      return this;
    }

    public RegistrySettings build() {
      return new RegistrySettings(
          insecureRegistries,
          maxConcurrentRequestsPerRegistry,
          connectTimeout,
          requestTimeout,
          maxAttempts,
          retryBackoff,
          tagPageSize,
          maxTagPages,
          maxAnswerBytes,
          userAgent);
    }
  }
}
