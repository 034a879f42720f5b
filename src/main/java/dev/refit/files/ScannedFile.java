package dev.refit.files;

import java.nio.file.Path;

/**
 * A file to look for images in.
 *
 * @param path the path as the user will see it: an argument, or an argument joined with the path
 *     found under it
 * @param format how to read it
 */
public record ScannedFile(Path path, FileFormat format) {}
