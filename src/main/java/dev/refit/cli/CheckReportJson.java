package dev.refit.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.refit.check.AvailableUpdate;
import dev.refit.check.CheckResult;
import dev.refit.check.CheckStatus;
import dev.refit.registry.RegistryHostStats;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The {@code refit check --json} document. Its shape is a contract for scripts: fields are only
 * ever added, and {@code version} changes if one must change meaning.
 */
final class CheckReportJson {
  record Document(
      int version,
      String host,
      String checkedAt,
      Summary summary,
      List<Result> results,
      List<Registry> registries) {}

  record Summary(int targets, int upToDate, int updatesAvailable, int errors, int skipped) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Result(
      String kind,
      String name,
      String id,
      String image,
      String policy,
      String status,
      Current current,
      Available available,
      String reason) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Current(String reference, String tag, String digest) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Available(String kind, String reference, String tag, String digest) {}

  record Registry(String host, long requests, long errors, Integer rateLimitRemaining, boolean rateLimited) {}

  private CheckReportJson() {}

  static String render(
      String host, Instant checkedAt, List<CheckResult> results, List<RegistryHostStats> stats) {
    List<Result> rows = results.stream().map(CheckReportJson::result).toList();
    Summary summary =
        new Summary(
            results.size(),
            count(results, CheckStatus.UP_TO_DATE),
            count(results, CheckStatus.UPDATE_AVAILABLE),
            count(results, CheckStatus.ERROR),
            count(results, CheckStatus.SKIPPED));
    List<Registry> registries =
        stats.stream()
            .map(s -> new Registry(s.host(), s.requests(), s.errors(), s.rateLimitRemaining(), s.rateLimited()))
            .toList();
    Document doc = new Document(1, host, checkedAt.toString(), summary, rows, registries);
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the report is plain records and always serialises", e);
    }
  }

  private static int count(List<CheckResult> results, CheckStatus status) {
    return (int) results.stream().filter(r -> r.status() == status).count();
  }

  private static Result result(CheckResult r) {
    Current current =
        r.image() == null
            ? null
            : new Current(
                r.image().toString(),
                r.image().tag(),
                r.currentDigest() == null ? null : r.currentDigest().toString());
    AvailableUpdate u = r.update();
    Available available =
        u == null
            ? null
            : new Available(
                u.kind().name().toLowerCase(Locale.ROOT),
                u.image().toString(),
                u.image().tag(),
                u.digest() == null ? null : u.digest().toString());
    return new Result(
        r.target().kind().label(),
        r.target().name(),
        r.target().id(),
        r.target().image(),
        r.policy(),
        r.status().name().toLowerCase(Locale.ROOT),
        current,
        available,
        r.reason());
  }
}
