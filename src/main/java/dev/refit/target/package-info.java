/** What can be updated and where: container and Swarm service discovery, Refit's labels, read once. */
@NullMarked
package dev.refit.target;

import org.jspecify.annotations.NullMarked;
