package dev.refit.check;

/** What kind of newer image was found. */
public enum UpdateKind {
  /** The same tag points at a new digest (a rebuilt {@code latest}, a re-pushed {@code 1.2}). */
  DIGEST,
  /** A newer tag, chosen by the version policy. */
  TAG
}
