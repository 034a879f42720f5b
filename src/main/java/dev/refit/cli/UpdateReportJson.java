package dev.refit.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.refit.check.AvailableUpdate;
import dev.refit.check.CheckResult;
import dev.refit.pipeline.CycleReport;
import dev.refit.pipeline.TargetReport;
import dev.refit.rollout.RolloutResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The {@code refit update --json} and {@code refit rollback --json} document: one result per
 * target, with the same words as the table. A contract for scripts (CI deploying a build): fields
 * are only ever added, and {@code version} changes if one must change meaning.
 */
final class UpdateReportJson {
  record Document(
      int version, String trigger, List<Result> results, List<String> unknownNames, List<String> recovered) {}

  /**
   * @param status the check's verdict: up_to_date, update_available, error, skipped
   * @param result the table's RESULT column
   * @param outcome how the rollout ended (applied, rolled_back, failed, broken, handed_over,
   *     skipped), or null when nothing was rolled out
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Result(
      String kind,
      String name,
      String image,
      String policy,
      String status,
      Update update,
      String result,
      String outcome,
      String message,
      String fromDigest,
      String toDigest) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Update(String kind, String image, String tag, String digest) {}

  private UpdateReportJson() {}

  static void print(CycleReport report, PrintWriter out) {
    List<Result> results = report.targets().stream().map(UpdateReportJson::result).toList();
    List<String> recovered =
        report.housekeeping().recovered().stream().map(r -> r.targetName() + ": " + r.message()).toList();
    Document doc = new Document(1, report.trigger(), results, report.unknownNames(), recovered);
    try {
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the report is plain records and always serialises", e);
    }
  }

  private static Result result(TargetReport t) {
    CheckResult check = t.check();
    AvailableUpdate u = check.update();
    RolloutResult r = t.outcome();
    String message = r != null ? r.message() : t.plan() != null ? t.plan().reason() : check.reason();
    return new Result(
        check.target().kind().label(),
        check.target().name(),
        check.target().image(),
        check.policy(),
        lower(check.status().name()),
        u == null
            ? null
            : new Update(
                lower(u.kind().name()), u.image().toString(), u.image().tag(),
                u.digest() == null ? null : u.digest().toString()),
        UpdateReportPrinter.refusedInPreview(t)
            .map(reason -> "failed: " + reason)
            .orElse(UpdateReportPrinter.result(check, t.plan(), r)),
        r == null ? null : lower(r.outcome().name()),
        message,
        r == null ? (check.currentDigest() == null ? null : check.currentDigest().toString()) : r.fromDigest(),
        r == null ? null : r.toDigest());
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
