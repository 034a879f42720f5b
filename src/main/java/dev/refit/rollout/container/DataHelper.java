package dev.refit.rollout.container;

import java.util.List;

/**
 * The short-lived container that measures, copies and restores volume data: Refit itself never
 * reads the engine's volume directories (it may run elsewhere, or as a user who cannot), so a
 * container with the volumes mounted does it, as root, with {@code sh}, {@code cp}, {@code du} and
 * {@code rm}.
 *
 * @param name the helper container's name; one left by a killed run is removed before the next
 * @param image the image it runs
 * @param shell how to start a shell script in that image, e.g. {@code [sh, -c]}
 * @param tools what goes before each tool's name: empty when the tools are on the {@code PATH},
 *     {@code "/opt/refit/bin/busybox "} in Refit's own image (busybox without its applet links)
 */
record DataHelper(String name, String image, List<String> shell, String tools) {
  /** Refit's own image keeps a static busybox here (see scripts/image). */
  static final String REFIT_BUSYBOX = "/opt/refit/bin/busybox";

  DataHelper {
    shell = List.copyOf(shell);
  }

  /** A helper from an image with {@code sh}, {@code cp}, {@code du} and {@code rm} on its PATH. */
  static DataHelper plain(String name, String image) {
    return new DataHelper(name, image, List.of("sh", "-c"), "");
  }

  /** A helper from Refit's own image, whose only shell and tools are its busybox. */
  static DataHelper refitImage(String name, String imageId) {
    return new DataHelper(name, imageId, List.of(REFIT_BUSYBOX, "sh", "-c"), REFIT_BUSYBOX + " ");
  }
}
