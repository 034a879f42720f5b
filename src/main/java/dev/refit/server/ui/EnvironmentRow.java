package dev.refit.server.ui;

import java.util.List;

/**
 * One environment on the Overview: its facts and how many of its targets need a look.
 *
 * @param waiting updates held back by minimum age, a maintenance window or an approval
 * @param failed targets whose check failed or whose last update failed or was rolled back
 */
public record EnvironmentRow(
    String name,
    List<String> labels,
    boolean online,
    String lastSeen,
    String refitVersion,
    String engineVersion,
    String role,
    int targets,
    int updates,
    int waiting,
    int failed) {}
