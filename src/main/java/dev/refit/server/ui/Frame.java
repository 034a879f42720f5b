package dev.refit.server.ui;

import org.jspecify.annotations.Nullable;

/**
 * What every page's frame shows: its title, which navigation entry is current, who is logged in,
 * the session's CSRF token for the forms, a notice about the last action, and how far the live
 * events had got when it was rendered.
 *
 * @param since the query of the page's event stream ({@code cycle=3&fleet=10&campaign=2}): a change
 *     between rendering and connecting is sent at once, not missed
 */
public record Frame(String title, String nav, String caller, String csrf, @Nullable String notice, String since) {
  /** The same frame with another notice. */
  public Frame withNotice(@Nullable String message) {
    return new Frame(title, nav, caller, csrf, message, since);
  }
}
