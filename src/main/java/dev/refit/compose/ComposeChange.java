package dev.refit.compose;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What keeping a Compose service true to its files takes when its container moves to a new image.
 *
 * @param labels labels the new container gets instead of the old one's (the config hash Compose
 *     computes from the edited files)
 * @param edits the file edits, made once the new container passed its gate
 * @param written what the report says once the edits are made ({@code compose: writes ... into
 *     file:line}), or {@code null} without edits
 * @param notes what the report, history and notifications should say besides: why the files stay
 *     as they are and what {@code docker compose up} would do then
 */
public record ComposeChange(
    Map<String, String> labels, List<FileEdit> edits, @Nullable String written, List<String> notes) {
  public static final ComposeChange NONE = new ComposeChange(Map.of(), List.of(), null, List.of());

  public ComposeChange {
    labels = Map.copyOf(labels);
    edits = List.copyOf(edits);
    notes = List.copyOf(notes);
  }
}
