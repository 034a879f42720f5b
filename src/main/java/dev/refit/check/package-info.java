/**
 * The check: which targets have a newer image, asked of registries through {@link
 * dev.refit.check.RegistryQuestions}.
 */
@NullMarked
package dev.refit.check;

import org.jspecify.annotations.NullMarked;
