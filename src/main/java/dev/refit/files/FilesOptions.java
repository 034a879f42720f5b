package dev.refit.files;

/**
 * @param write write the updates to the files
 * @param force also write files in which some image had an error
 * @param commit commit the written files to git
 */
public record FilesOptions(boolean write, boolean force, boolean commit) {}
