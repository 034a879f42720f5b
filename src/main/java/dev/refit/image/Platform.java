package dev.refit.image;

import java.util.Locale;

/**
 * The platform an image runs on, as an OCI index names it.
 *
 * @param os e.g. {@code linux}
 * @param architecture e.g. {@code amd64}, {@code arm64}, {@code arm}
 * @param variant e.g. {@code v7}; empty when the architecture has none
 */
public record Platform(String os, String architecture, String variant) {
  public Platform {
    os = os == null ? "" : os.toLowerCase(Locale.ROOT);
    String machine = architecture == null ? "" : architecture.toLowerCase(Locale.ROOT);
    String given = variant == null ? "" : variant.toLowerCase(Locale.ROOT);
    architecture = normaliseArchitecture(machine);
    variant = normaliseVariant(architecture, given.isEmpty() ? impliedVariant(machine) : given);
  }

  /** Parses {@code os/arch[/variant]}, as {@code docker --platform} takes it. */
  public static Platform parse(String text) {
    String[] parts = text.split("/", -1);
    if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new InvalidReferenceException(text, "a platform looks like os/arch[/variant]");
    }
    return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : "");
  }

  /** The platform of the machine this JVM runs on: a fallback when the engine does not say. */
  public static Platform ofThisMachine() {
    return new Platform(System.getProperty("os.name"), System.getProperty("os.arch"), "");
  }

  /** Whether an index entry with these fields runs here; its variant may be omitted. */
  public boolean matches(Platform candidate) {
    return os.equals(candidate.os)
        && architecture.equals(candidate.architecture)
        && (variant.isEmpty() || candidate.variant.isEmpty() || variant.equals(candidate.variant));
  }

  private static String normaliseArchitecture(String arch) {
    return switch (arch.toLowerCase(Locale.ROOT)) {
      case "x86_64", "x86-64", "amd64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "armhf", "armel", "arm", "armv7l", "armv6l", "armv5l", "armv5tel", "armv5tejl" -> "arm";
      case "i386", "i686", "x86", "386" -> "386";
      default -> arch.toLowerCase(Locale.ROOT);
    };
  }

  /**
   * The ARM version a machine name carries: {@code docker info} reports the kernel's {@code uname
   * -m} (a Raspberry Pi says {@code armv7l} or {@code armv6l}), Debian says {@code armhf} / {@code
   * armel}; as containerd resolves them.
   */
  private static String impliedVariant(String machine) {
    return switch (machine) {
      case "armv7l", "armhf" -> "v7";
      case "armv6l", "armel" -> "v6";
      case "armv5l", "armv5tel", "armv5tejl" -> "v5";
      default -> "";
    };
  }

  private static String normaliseVariant(String arch, String variant) {
    // containerd treats arm64 without variant as v8 and arm without variant as v7.
    String v = variant.toLowerCase(Locale.ROOT);
    if (arch.equals("arm64") && v.equals("v8")) {
      return "";
    }
    if (arch.equals("arm") && v.isEmpty()) {
      return "v7";
    }
    return v;
  }

  @Override
  public String toString() {
    return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
  }
}
