package dev.refit.files;

/** The verdict on one image in a file, or on a file that could not be read. */
public enum EntryStatus {
  UP_TO_DATE,
  UPDATE_AVAILABLE,
  ERROR,
  SKIPPED
}
