package vn.lienthong.core.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.cos.COSBoolean;

/**
 * Equality of two versions of one PDF object: direct values compared by value, references by
 * object number (not followed, since each referenced object is compared on its own), streams by
 * their dictionary and the SHA-256 of their raw (still encoded) bytes.
 */
final class CosCompare {

  private static final int MAX_DEPTH = 64;

  private CosCompare() {}

  static boolean same(COSBase a, COSBase b) {
    return same(a, b, 0);
  }

  private static boolean same(COSBase a, COSBase b, int depth) {
    if (depth > MAX_DEPTH) {
      return false;
    }
    if (a == null || b == null) {
      return a == b;
    }
    if (a instanceof COSObject oa && b instanceof COSObject ob) {
      return Objects.equals(oa.getKey(), ob.getKey());
    }
    if (a instanceof COSObject || b instanceof COSObject) {
      return false;
    }
    if (a instanceof COSStream sa && b instanceof COSStream sb) {
      return sameEntries(sa, sb, depth) && Arrays.equals(digest(sa), digest(sb));
    }
    if (a instanceof COSDictionary da && b instanceof COSDictionary db
        && !(a instanceof COSStream) && !(b instanceof COSStream)) {
      return sameEntries(da, db, depth);
    }
    if (a instanceof COSArray xa && b instanceof COSArray xb) {
      if (xa.size() != xb.size()) {
        return false;
      }
      for (int i = 0; i < xa.size(); i++) {
        if (!same(xa.get(i), xb.get(i), depth + 1)) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof COSString sa && b instanceof COSString sb) {
      return Arrays.equals(sa.getBytes(), sb.getBytes());
    }
    if (a instanceof COSNumber na && b instanceof COSNumber nb) {
      return na.floatValue() == nb.floatValue();
    }
    if (a instanceof COSBoolean ba && b instanceof COSBoolean bb) {
      return ba.getValue() == bb.getValue();
    }
    return a.getClass() == b.getClass() && a.equals(b);
  }

  /** The names whose values differ between two versions of a dictionary. */
  static Set<String> changedKeys(COSDictionary a, COSDictionary b) {
    Set<String> changed = new TreeSet<>();
    for (COSName key : a.keySet()) {
      if (!same(a.getItem(key), b.getItem(key), 1)) {
        changed.add(key.getName());
      }
    }
    for (COSName key : b.keySet()) {
      if (!a.containsKey(key)) {
        changed.add(key.getName());
      }
    }
    return changed;
  }

  private static boolean sameEntries(COSDictionary a, COSDictionary b, int depth) {
    if (a.size() != b.size()) {
      return false;
    }
    for (COSName key : a.keySet()) {
      if (!same(a.getItem(key), b.getItem(key), depth + 1)) {
        return false;
      }
    }
    return true;
  }

  private static byte[] digest(COSStream stream) {
    try (InputStream in = stream.createRawInputStream()) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[16 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        sha.update(buffer, 0, n);
      }
      return sha.digest();
    } catch (IOException | RuntimeException e) {
      return new byte[] {(byte) System.identityHashCode(stream)};
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
