/** The state: history, journal, approvals and sightings, in embedded SQLite or on PostgreSQL, with versioned migrations. */
@NullMarked
package dev.refit.store;

import org.jspecify.annotations.NullMarked;
