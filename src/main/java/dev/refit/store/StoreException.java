package dev.refit.store;

import org.jspecify.annotations.Nullable;
/** The state database could not be opened, migrated, read or written; the message names the file. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
