package dev.refit.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;

/**
 * Writes a file so that it is either wholly old or wholly new, whatever happens: the new content
 * goes to a temporary file in the same directory, is flushed to disk, gets the old file's
 * permissions (and owner, where allowed), and is renamed over the old file. A symbolic link is
 * followed, so the link stays a link. A file without write permission for its owner is refused
 * even for root, who could write it anyway: read-only is the user's decision. A file whose content
 * is no longer what Refit read is left alone.
 */
public final class AtomicFileWriter implements TextFileWriter {
  /** The last step: replace the file with the finished temporary file. */
  @FunctionalInterface
  public interface Rename {
    void replace(Path temporary, Path target) throws IOException;
  }

  private final Rename rename;

  public AtomicFileWriter() {
    this((temporary, target) -> Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE));
  }

  /**
   * @param rename the final rename; tests substitute one that fails to prove the old file
   *     survives
   */
  public AtomicFileWriter(Rename rename) {
    this.rename = rename;
  }

  /** The message of a write refused because the file changed after Refit read it. */
  public static final String CHANGED_MEANWHILE =
      "the file changed after Refit read it; not overwritten (run again to update the new content)";

  @Override
  public void write(Path file, String expected, String text) throws IOException {
    Path target = file.toRealPath();
    PosixFileAttributes attributes = posixAttributes(target);
    if (!Files.isWritable(target)
        || (attributes != null && !attributes.permissions().contains(PosixFilePermission.OWNER_WRITE))) {
      throw new IOException("the file is read-only");
    }
    Path directory = target.getParent();
    Path temporary;
    try {
      temporary = Files.createTempFile(directory, "." + target.getFileName() + ".", ".refit-tmp");
    } catch (AccessDeniedException e) {
      throw new IOException("cannot create a temporary file in " + directory + ": permission denied");
    }
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        channel.force(true);
      }
      if (attributes != null) {
        keepOwnership(temporary, attributes);
      }
      // Last look before the rename: an editor or a colleague may have saved the file since it was
      // read, and their change must not be lost. (The window left is the rename itself.)
      if (!Arrays.equals(Files.readAllBytes(target), expected.getBytes(StandardCharsets.UTF_8))) {
        throw new IOException(CHANGED_MEANWHILE);
      }
      rename.replace(temporary, target);
    } catch (FileSystemException e) {
      Files.deleteIfExists(temporary);
      throw e.getReason() == null ? e : new IOException(e.getReason(), e);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temporary);
      throw e;
    }
    syncDirectory(directory);
  }

  private static PosixFileAttributes posixAttributes(Path file) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    return view == null ? null : view.readAttributes();
  }

  private static void keepOwnership(Path temporary, PosixFileAttributes old) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(temporary, PosixFileAttributeView.class);
    view.setPermissions(old.permissions());
    try {
      if (!view.readAttributes().owner().equals(old.owner())) {
        view.setOwner(old.owner());
      }
      if (!view.readAttributes().group().equals(old.group())) {
        view.setGroup(old.group());
      }
    } catch (IOException e) {
      // only root may give a file away; anyone else writes files they own, as editors do
    }
  }

  // Makes the rename itself durable; some file systems cannot sync a directory, which is fine.
  private static void syncDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // the data is on disk; only the rename may be lost in a crash, leaving the old file
    }
  }
}
