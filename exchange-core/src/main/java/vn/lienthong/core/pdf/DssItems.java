package vn.lienthong.core.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;

/**
 * Reads a DSS stream (a certificate, an OCSP response, a CRL) with a bound on its decoded size.
 * PDFBox decodes a stream whole into memory before handing out its first byte, so a DSS item of
 * a few hundred kilobytes that inflates to gigabytes ran the verifier and the extender out of
 * memory (a 380 KB PDF in a 64 MiB heap). Here FlateDecode is inflated as a stream and stopped at
 * the bound; the filters that cannot expand much (ASCIIHex, ASCII85, RunLength: at most 64 times)
 * are left to PDFBox when their encoded length is within a 64th of the bound; any other filter
 * makes the item unreadable.
 */
public final class DssItems {

  private static final Set<String> FLATE = Set.of("FlateDecode", "Fl");
  private static final Set<String> SMALL = Set.of("ASCIIHexDecode", "AHx", "ASCII85Decode", "A85",
      "RunLengthDecode", "RL");

  private DssItems() {}

  /** The decoded bytes of {@code stream}, or null when they exceed {@code max} or cannot be read. */
  public static byte[] decoded(COSStream stream, int max) throws IOException {
    COSBase filter = stream.getDictionaryObject(COSName.FILTER);
    List<String> filters;
    if (filter == null) {
      filters = List.of();
    } else if (filter instanceof COSName name) {
      filters = List.of(name.getName());
    } else if (filter instanceof COSArray array && array.size() == 1
        && array.getObject(0) instanceof COSName name) {
      filters = List.of(name.getName());
    } else {
      return null;
    }
    if (filters.isEmpty()) {
      try (InputStream in = stream.createRawInputStream()) {
        return bounded(in, max);
      }
    }
    String only = filters.get(0);
    if (FLATE.contains(only)) {
      if (hasPredictor(stream)) {
        return null;
      }
      Inflater inflater = new Inflater();
      try (InputStream in = new InflaterInputStream(stream.createRawInputStream(), inflater)) {
        return bounded(in, max);
      } finally {
        inflater.end();
      }
    }
    if (SMALL.contains(only) && stream.getLength() <= max / 64) {
      try (InputStream in = stream.createInputStream()) {
        return bounded(in, max);
      }
    }
    return null;
  }

  private static boolean hasPredictor(COSStream stream) {
    COSBase parms = stream.getDictionaryObject(COSName.DECODE_PARMS);
    if (parms instanceof COSArray array && array.size() > 0) {
      parms = array.getObject(0);
    }
    return parms instanceof COSDictionary d && d.getInt(COSName.PREDICTOR, 1) > 1;
  }

  private static byte[] bounded(InputStream in, int max) throws IOException {
    byte[] bytes = in.readNBytes(max + 1);
    return bytes.length > max ? null : bytes;
  }
}
