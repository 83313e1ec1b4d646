package vn.lienthong.core.pdf;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import vn.lienthong.core.validation.ChangeInfo;
import vn.lienthong.core.validation.ChangeInfo.Kind;

/**
 * Compares each revision after a signed one with the revision before it, loading each as the
 * file cut at its {@code %%EOF} through a view of the file on disk (nothing copied into
 * memory), at most {@link PdfRevisions#MAX_REVISIONS_COMPARED} of them.
 */
final class RevisionComparer {

  private final Path file;
  private final List<RevisionEnds.End> ends;
  private final int permission;
  private final HexStrings decoded;
  private Exception lastLoadFailure;

  RevisionComparer(Path file, List<RevisionEnds.End> ends, int permission, HexStrings decoded) {
    this.file = file;
    this.ends = ends;
    this.permission = permission;
    this.decoded = decoded;
  }

  List<ChangeInfo> changesAfter(int signed) throws IOException {
    List<ChangeInfo> changes = new ArrayList<>();
    int last = (int) Math.min(ends.size(), (long) signed + PdfRevisions.MAX_REVISIONS_COMPARED);
    {
      PDDocument prev = signed >= 1 && signed < last ? load(signed) : null;
      try {
        for (int k = signed + 1; k <= last; k++) {
          PDDocument cur = load(k);
          if (prev == null || cur == null) {
            changes.add(new ChangeInfo(k, Kind.OTHER_OBJECT_CHANGED, false,
                "revision " + (cur == null ? k : k - 1) + " cannot be parsed, so what revision "
                    + k + " changed is unknown (" + lastLoadFailure + ")"));
          } else {
            changes.addAll(compare(prev, cur, k));
          }
          if (prev != null) {
            prev.close();
          }
          prev = cur;
        }
      } finally {
        if (prev != null) {
          prev.close();
        }
      }
    }
    if (ends.size() > last) {
      changes.add(new ChangeInfo(last + 1, Kind.OTHER_OBJECT_CHANGED, false, "revisions "
          + (last + 1) + " to " + ends.size() + " were not compared: beyond the bound of "
          + PdfRevisions.MAX_REVISIONS_COMPARED + " revisions after a signature"));
    }
    trailingUpdate().ifPresent(changes::add);
    return List.copyOf(changes);
  }

  /** What revision {@code k} changed; a structure that defeats the comparison is a change too. */
  private List<ChangeInfo> compare(PDDocument prev, PDDocument cur, int k) {
    try {
      return new RevisionDelta(prev, cur, k, permission).changes();
    } catch (RuntimeException e) {
      return List.of(new ChangeInfo(k, Kind.OTHER_OBJECT_CHANGED, false,
          "what revision " + k + " changed cannot be established: " + e));
    }
  }

  /**
   * Anything but white space and comments after the last %%EOF: an update without its %%EOF,
   * which lenient readers (PDFBox among them) still show, and which no signature covers. The whole
   * tail is read: looking at its first 64 KiB for keywords missed an update behind 70 000 newlines.
   */
  private java.util.Optional<ChangeInfo> trailingUpdate() throws IOException {
    long from = ends.isEmpty() ? 0 : ends.get(ends.size() - 1).afterEol();
    try (var in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      in.skipNBytes(from);
      boolean comment = false;
      long offset = from;
      for (int b; (b = in.read()) >= 0; offset++) {
        if (comment) {
          comment = b != '\n' && b != '\r';
        } else if (b == '%') {
          comment = true;
        } else if (b != 0 && b != '\t' && b != '\n' && b != '\f' && b != '\r' && b != ' ') {
          return java.util.Optional.of(new ChangeInfo(ends.size() + 1, Kind.OTHER_OBJECT_CHANGED, false,
              "content after the last %%EOF (from byte " + offset + "): an incremental update or appended data "
                  + "that no signature covers"));
        }
      }
      return java.util.Optional.empty();
    } catch (EOFException e) {
      return java.util.Optional.empty();
    }
  }

  /** Revision {@code revision} alone: the file cut at its end, through a view (closed with it). */
  private PDDocument load(int revision) {
    long end = ends.get(revision - 1).afterEol();
    RevisionView view = null;
    try {
      view = new RevisionView(file, end);
      return PdfLoader.load(view, decoded);
    } catch (IOException | RuntimeException e) {
      lastLoadFailure = e;
      closeQuietly(view);
      return null;
    }
  }

  private static void closeQuietly(RevisionView view) {
    try {
      if (view != null) {
        view.close();
      }
    } catch (IOException ignored) {
      // nothing more to release
    }
  }
}
