package dev.refit.hostjob;

/**
 * A host directory mounted into the job's container, written {@code SOURCE:TARGET[:ro]} as with
 * {@code docker run -v}.
 *
 * @param source the absolute path on each node
 * @param target the absolute path in the container
 * @param readOnly whether the container may only read it
 */
public record BindMount(String source, String target, boolean readOnly) {

  public BindMount {
    if (!source.startsWith("/") || !target.startsWith("/")) {
      throw new IllegalArgumentException(
          "mount " + source + ":" + target + ": both paths must be absolute");
    }
  }

  /**
   * @throws IllegalArgumentException naming the text and the expected form
   */
  public static BindMount parse(String text) {
    String[] parts = text.split(":", -1);
    if (parts.length == 2 || (parts.length == 3 && (parts[2].equals("ro") || parts[2].equals("rw")))) {
      if (parts[0].isEmpty() || parts[1].isEmpty()) {
        throw invalid(text);
      }
      return new BindMount(parts[0], parts[1], parts.length == 3 && parts[2].equals("ro"));
    }
    throw invalid(text);
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "--mount '" + text + "' must look like /host/path:/container/path[:ro], e.g. /:/host");
  }

  @Override
  public String toString() {
    return source + ":" + target + (readOnly ? ":ro" : "");
  }
}
