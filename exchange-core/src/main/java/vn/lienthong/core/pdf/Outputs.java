package vn.lienthong.core.pdf;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.lienthong.core.files.PartFiles;

/**
 * The intermediate files of one signing run, beside the output: each step writes a new file, and
 * only the last is moved onto the output path, atomically. On failure every intermediate file is
 * removed, so no partial output remains and the input is never written. A message that would name
 * one of them names the output instead: the caller never gave that name, and the file is gone.
 */
final class Outputs implements AutoCloseable {

  private final Path given;
  private final Path out;
  private final List<Path> temporaries = new ArrayList<>();

  Outputs(Path out) {
    this.given = out;
    this.out = out.toAbsolutePath();
  }

  Path next() throws IOException {
    Path dir = out.getParent();
    Path tmp = PartFiles.create(dir, prefix());
    temporaries.add(tmp);
    return tmp;
  }

  private String prefix() {
    return "." + out.getFileName() + "-";
  }

  /**
   * {@code text} with every intermediate file of this output, made or only tried (its full path,
   * else its bare name), named as the output the caller gave.
   */
  String named(String text) {
    if (text == null) {
      return null;
    }
    String part = Pattern.quote(prefix()) + "\\d+\\.part";
    String full = Pattern.quote(out.getParent().toString() + out.getFileSystem().getSeparator()) + part;
    String replacement = Matcher.quoteReplacement(given.toString());
    return text.replaceAll(full, replacement).replaceAll(part, replacement);
  }

  /** {@code e} again when its message names no intermediate file, else the same refusal naming the output. */
  PdfSigningException named(PdfSigningException e) {
    String message = named(e.getMessage());
    if (java.util.Objects.equals(message, e.getMessage())) {
      return e;
    }
    PdfSigningException renamed = new PdfSigningException(e.code(), message, e.getCause());
    renamed.setStackTrace(e.getStackTrace());
    return renamed;
  }

  /** Why writing failed, without the path a file system exception carries ({@link PartFiles#reason}). */
  String reason(IOException e) {
    return named(PartFiles.reason(e));
  }

  /** Forces the last file to disk, moves it onto the output, forces the directory: the signed PDF is there after a power loss. */
  void commit(Path last) throws IOException {
    PartFiles.forceFile(last);
    try {
      Files.move(last, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(last, out, StandardCopyOption.REPLACE_EXISTING);
    }
    PartFiles.forceDirectory(out.getParent());
  }

  @Override
  public void close() {
    for (Path p : temporaries) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        // best effort: a leftover .part file is hidden and named after the output
      }
    }
  }
}
