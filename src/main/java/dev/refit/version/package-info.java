/**
 * Reading image tags as versions and choosing the tag an image should move to.
 *
 * <p>{@link dev.refit.version.PolicyResolver} picks a {@link dev.refit.version.VersionPolicy} per
 * image; the policy, given the registry's tag list and a {@link dev.refit.version.TagFilter}, names
 * the newest allowed tag. Everything here is a pure function over strings: no I/O, no shared state.
 */
@NullMarked
package dev.refit.version;

import org.jspecify.annotations.NullMarked;
