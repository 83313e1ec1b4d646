package vn.lienthong.core.pdf;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
  private final RenderingBudget rendering;
  private final Shared shared;
  private Exception lastLoadFailure;

  RevisionComparer(Path file, List<RevisionEnds.End> ends, int permission, HexStrings decoded,
      RenderingBudget rendering, Shared shared) {
    this.rendering = rendering;
    this.shared = shared;
    this.file = file;
    this.ends = ends;
    this.permission = permission;
    this.decoded = decoded;
  }

  List<ChangeInfo> changesAfter(int signed) throws IOException {
    List<ChangeInfo> changes = new ArrayList<>();
    int last = (int) Math.min(ends.size(), (long) signed + PdfRevisions.MAX_REVISIONS_COMPARED);
    PDDocument prev = null;
    int prevRevision = -1;
    try {
      for (int k = signed + 1; k <= last; k++) {
        String key = k + ":" + permission;
        List<ChangeInfo> known = shared.deltas.get(key);
        if (known != null) {
          changes.addAll(known);
          continue;
        }
        if (shared.loads + (prevRevision == k - 1 ? 1 : 2) > PdfRevisions.MAX_REVISIONS_LOADED) {
          changes.add(new ChangeInfo(k, Kind.OTHER_OBJECT_CHANGED, false, "revisions " + k
              + " to " + last + " were not compared: beyond the bound of "
              + PdfRevisions.MAX_REVISIONS_LOADED + " revisions loaded per file"));
          break;
        }
        if (prevRevision != k - 1) {
          close(prev);
          prev = k - 1 >= 1 ? load(k - 1) : null;
          prevRevision = k - 1;
        }
        PDDocument cur = load(k);
        List<ChangeInfo> delta;
        if (prev == null || cur == null) {
          delta = List.of(new ChangeInfo(k, Kind.OTHER_OBJECT_CHANGED, false,
              "revision " + (cur == null ? k : k - 1) + " cannot be parsed, so what revision "
                  + k + " changed is unknown (" + lastLoadFailure + ")"));
        } else {
          delta = compare(prev, cur, k);
        }
        // what revision k changed depends on k and the certification only: signatures share it
        shared.deltas.put(key, List.copyOf(delta));
        changes.addAll(delta);
        close(prev);
        prev = cur;
        prevRevision = k;
      }
    } finally {
      close(prev);
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
      return new RevisionDelta(prev, cur, k, permission, rendering).changes();
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

  /**
   * What the comparisons of one file's signatures share: what each revision changed, by revision
   * and certification level (each signature of a file signed at every revision loaded the 33
   * revisions after it again: 800 signatures in 210 KB took 17 s, growing with the square), and
   * how many revisions were loaded, at most {@link PdfRevisions#MAX_REVISIONS_LOADED}.
   */
  static final class Shared {
    private final Map<String, List<ChangeInfo>> deltas = new HashMap<>();
    private int loads;
  }

  private static void close(PDDocument document) throws IOException {
    if (document != null) {
      document.close();
    }
  }

  /** Revision {@code revision} alone: the file cut at its end, through a view (closed with it). */
  private PDDocument load(int revision) {
    shared.loads++;
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
