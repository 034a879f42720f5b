/** When the daemon runs its cycles: cron expressions with jitter. */
@NullMarked
package dev.refit.schedule;

import org.jspecify.annotations.NullMarked;
