/**
 * How setting values are written and shown, shared by every domain's settings: durations as users
 * write them ({@code 30s}, {@code 5m}) and the mask that stands for a secret. A leaf: it imports no
 * other Refit package, so any domain may use it without a cycle.
 */
@NullMarked
package dev.refit.settings;

import org.jspecify.annotations.NullMarked;
