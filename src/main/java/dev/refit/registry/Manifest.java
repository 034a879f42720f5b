package dev.refit.registry;

/**
 * A manifest as the registry sent it: the raw bytes are what the digest is computed over.
 *
 * @param descriptor its digest and media type
 * @param content the bytes exactly as received
 */
public record Manifest(ManifestDescriptor descriptor, byte[] content) {}
