package dev.refit.server.ui;

import org.jspecify.annotations.Nullable;

/**
 * What every page's frame shows: its title, which navigation entry is current, who is logged in,
 * the session's CSRF token for the forms, and a notice about the last action.
 */
public record Frame(String title, String nav, String caller, String csrf, @Nullable String notice) {}
