package dev.refit.files;

import dev.refit.image.ImageReference;
import dev.refit.version.TagFilter;
import dev.refit.version.VersionPolicy;

/** One image to check under one policy: every file entry that pins it so shares the answer. */
public record ImageQuestion(ImageReference image, VersionPolicy policy, TagFilter filter) {}
