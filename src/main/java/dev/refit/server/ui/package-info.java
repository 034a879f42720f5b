/**
 * The web UI: server-rendered pages (JTE templates compiled at build time) with htmx, over the same
 * services the REST API calls. It reaches the daemon only through the small interfaces here, which
 * {@code dev.refit.server} implements, so this package never depends back on the server.
 */
@NullMarked
package dev.refit.server.ui;

import org.jspecify.annotations.NullMarked;
