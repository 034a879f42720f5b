package dev.refit.server.ui;

import java.time.Instant;

/**
 * One logged-in browser.
 *
 * @param id the cookie's value
 * @param caller who logged in, as approvals record it
 * @param csrf the token every state-changing form must carry
 * @param expires when it stops being valid
 */
public record UiSession(String id, String caller, String csrf, Instant expires) {
  @Override
  public String toString() {
    // the id and the CSRF token are secrets: never in a log line
    return "UiSession[" + caller + ", until " + expires + "]";
  }
}
