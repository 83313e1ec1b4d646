package vn.lienthong.core.pdf;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdfparser.xref.XReferenceEntry;
import org.apache.pdfbox.pdfwriter.COSWriter;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureInterface;

/**
 * Incremental saving that keeps a hybrid-reference file's /XRefStm (Microsoft Word's "Save as
 * PDF", ISO 32000-1 7.5.8.4) in the trailer of the update, as 7.5.6 asks (the added trailer holds
 * all the previous one's entries but /Prev). PDFBox drops it: Ghostscript, which reads /XRefStm
 * from the last trailer only, then took the objects kept in the object stream for free ones and
 * printed the signed pages without their fonts and images. Other files are saved by PDFBox as
 * before.
 */
final class HybridUpdates {

  private HybridUpdates() {}

  static void saveIncremental(PDDocument doc, Path in, OutputStream os,
      SignatureInterface signing) throws IOException {
    COSDocument cos = doc.getDocument();
    COSDictionary trailer = cos.getTrailer();
    if (cos.isXRefStream() || trailer == null || !trailer.containsKey(COSName.XREF_STM)) {
      doc.saveIncremental(os);
      return;
    }
    // marked as using streams, PDFBox keeps /XRefStm and still writes a classic table for a
    // hybrid file's update, but then leaves /Size as it was: the writer below sets it
    cos.setIsXRefStream(true);
    cos.setHasHybridXRef();
    try (RandomAccessReadBufferedFile source = new RandomAccessReadBufferedFile(in.toFile())) {
      new SizedWriter(os, source).write(doc, signing);
    }
  }

  private static final class SizedWriter extends COSWriter {
    SizedWriter(OutputStream os, RandomAccessReadBufferedFile source) throws IOException {
      super(os, source);
    }

    @Override
    protected void doWriteTrailer(COSDocument doc) throws IOException {
      long highest = 0;
      for (XReferenceEntry entry : getXRefEntries()) {
        highest = Math.max(highest, entry.getReferencedKey().getNumber());
      }
      COSDictionary trailer = doc.getTrailer();
      trailer.setLong(COSName.SIZE, Math.max(trailer.getLong(COSName.SIZE), highest + 1));
      super.doWriteTrailer(doc);
    }
  }
}
