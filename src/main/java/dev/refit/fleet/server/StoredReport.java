package dev.refit.fleet.server;

import dev.refit.fleet.protocol.CommandReport;
import java.time.Instant;

/** A command's final report as the server received it. */
public record StoredReport(CommandReport report, Instant reportedAt) {}
