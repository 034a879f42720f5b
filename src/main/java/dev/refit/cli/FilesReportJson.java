package dev.refit.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.refit.files.EntryStatus;
import dev.refit.files.FileChange;
import dev.refit.files.FileEntry;
import dev.refit.files.FilesReport;
import dev.refit.image.ImageReference;
import dev.refit.registry.RegistryHostStats;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The {@code refit files --json} document. Like {@code refit check --json}, its shape is a contract
 * for scripts: fields are only ever added, and {@code version} changes if one must change meaning.
 * Files that cannot be read are results too (status {@code error}, no reference), so a script that
 * reads only {@code results} still sees every failure.
 */
final class FilesReportJson {
  record Document(
      int version,
      String checkedAt,
      boolean write,
      boolean force,
      boolean commit,
      Summary summary,
      List<Result> results,
      List<File> files,
      List<Commit> commits,
      String commitError,
      List<Registry> registries) {}

  record Summary(
      int images, int upToDate, int updatesAvailable, int errors, int skipped, int filesChanged, int filesWritten) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Result(
      String file,
      Integer line,
      String format,
      String written,
      String reference,
      String policy,
      String status,
      Available available,
      String reason) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Available(String reference, String tag, String digest) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record File(String path, String outcome, String reason, String diff) {}

  record Commit(String repository, String id, List<String> files) {}

  record Registry(String host, long requests, long errors, Integer rateLimitRemaining, boolean rateLimited) {}

  private FilesReportJson() {}

  static String render(Instant checkedAt, FilesReport report, List<RegistryHostStats> stats) {
    List<Result> results = report.entries().stream().map(FilesReportJson::result).toList();
    Summary summary =
        new Summary(
            (int) report.entries().stream().filter(e -> e.written() != null).count(),
            report.count(EntryStatus.UP_TO_DATE),
            report.count(EntryStatus.UPDATE_AVAILABLE),
            report.count(EntryStatus.ERROR),
            report.count(EntryStatus.SKIPPED),
            report.changes().size(),
            (int) report.changes().stream().filter(c -> c.outcome() == FileChange.Outcome.WRITTEN).count());
    List<File> files =
        report.changes().stream()
            .map(c -> new File(c.file().toString(), lower(c.outcome().name()), c.reason(), c.diff()))
            .toList();
    List<Commit> commits =
        report.commits().stream()
            .map(c -> new Commit(c.repository().toString(), c.id(), c.files().stream().map(Object::toString).toList()))
            .toList();
    List<Registry> registries =
        stats.stream()
            .map(s -> new Registry(s.host(), s.requests(), s.errors(), s.rateLimitRemaining(), s.rateLimited()))
            .toList();
    Document doc =
        new Document(
            1,
            checkedAt.toString(),
            report.options().write(),
            report.options().force(),
            report.options().commit(),
            summary,
            results,
            files,
            commits,
            report.commitError(),
            registries);
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the report is plain records and always serialises", e);
    }
  }

  private static Result result(FileEntry e) {
    ImageReference updated = e.updated();
    Available available =
        updated == null
            ? null
            : new Available(
                updated.toString(), updated.tag(), updated.digest() == null ? null : updated.digest().toString());
    return new Result(
        e.file().toString(),
        e.line() > 0 ? e.line() : null,
        e.format(),
        e.written(),
        e.image() == null ? null : e.image().toString(),
        e.policy(),
        lower(e.status().name()),
        available,
        e.reason());
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
