/**
 * Compose projects kept true to their files: where a Compose service pins its image (the {@code
 * image:} line, the {@code .env} value or the {@code ${VAR:-default}} it interpolates), the edits
 * that write a new version there, and the config hash Compose expects of the new container.
 */
@NullMarked
package dev.refit.compose;

import org.jspecify.annotations.NullMarked;
