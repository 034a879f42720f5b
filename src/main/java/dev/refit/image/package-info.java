/** Image references as Docker writes them (parsed once, normalised), digests and platforms. */
@NullMarked
package dev.refit.image;

import org.jspecify.annotations.NullMarked;
