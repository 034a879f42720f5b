/**
 * What one host does for the fleet, the same on an agent and on the server's own engine ({@code
 * local}): a command becomes a cycle request on the host's own pipeline, and the host's targets
 * become inventory rows. The server never runs a remote host's pipeline; each host runs its own.
 */
@NullMarked
package dev.refit.fleet.host;

import org.jspecify.annotations.NullMarked;
