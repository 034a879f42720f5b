/**
 * What the whole fleet shares: its settings ({@code fleet.*}), read by the configuration and used
 * by the server. Apart from {@code fleet.server} so that the configuration, which the server
 * depends on, can hold them without a package cycle.
 */
@NullMarked
package dev.refit.fleet;

import org.jspecify.annotations.NullMarked;
