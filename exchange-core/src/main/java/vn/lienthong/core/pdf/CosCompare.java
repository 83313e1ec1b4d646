package vn.lienthong.core.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
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

  /**
   * A fingerprint of {@code value} such that {@code same(a, b)} exactly when the fingerprints of
   * {@code a} and {@code b} are equal: comparing each of n values with each of m others is n x m
   * calls of {@link #same}, and a page of 10 000 direct annotations whose /Annots an update
   * rewrote took 18 s (100 000 would take half an hour); with fingerprints it is a set lookup.
   * Null for what {@link #same} finds equal to nothing (deeper than {@value #MAX_DEPTH}, a NaN).
   */
  static String fingerprint(COSBase value) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      java.io.DataOutputStream out = new java.io.DataOutputStream(
          new java.security.DigestOutputStream(java.io.OutputStream.nullOutputStream(), sha));
      fingerprint(value, 0, out);
      out.flush();
      return java.util.HexFormat.of().formatHex(sha.digest());
    } catch (Incomparable e) {
      return null;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // not from a null stream
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Each item's {@link #fingerprint}, null where it has none. */
  static List<String> fingerprints(List<COSBase> items) {
    List<String> prints = new java.util.ArrayList<>(items.size());
    items.forEach(item -> prints.add(fingerprint(item)));
    return prints;
  }

  /** What {@link #same} finds equal to nothing: no fingerprint. */
  private static final class Incomparable extends IOException {
    @Override
    public synchronized Throwable fillInStackTrace() {
      return this; // an answer, not an error: no trace to take
    }
  }

  private static void incomparable() throws IOException {
    throw new Incomparable();
  }

  private static void name(String name, java.io.DataOutputStream out) throws IOException {
    byte[] bytes = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static void fingerprint(COSBase v, int depth, java.io.DataOutputStream out)
      throws IOException {
    if (depth > MAX_DEPTH) {
      incomparable();
    } else if (v == null) {
      out.writeByte('0');
    } else if (v instanceof COSObject o) {
      out.writeByte('R');
      if (o.getKey() == null) {
        out.writeByte(0);
      } else {
        out.writeByte(1);
        out.writeLong(o.getKey().getNumber());
        out.writeInt(o.getKey().getGeneration());
      }
    } else if (v instanceof COSDictionary d) {
      out.writeByte(v instanceof COSStream ? 'S' : 'D');
      out.writeInt(d.size());
      java.util.TreeMap<String, COSBase> sorted = new java.util.TreeMap<>();
      for (COSName key : d.keySet()) {
        sorted.put(key.getName(), d.getItem(key));
      }
      for (java.util.Map.Entry<String, COSBase> e : sorted.entrySet()) {
        name(e.getKey(), out);
        fingerprint(e.getValue(), depth + 1, out);
      }
      if (v instanceof COSStream stream) {
        byte[] digest = digest(stream);
        out.writeInt(digest.length);
        out.write(digest);
      }
    } else if (v instanceof COSArray a) {
      out.writeByte('A');
      out.writeInt(a.size());
      for (int i = 0; i < a.size(); i++) {
        fingerprint(a.get(i), depth + 1, out);
      }
    } else if (v instanceof COSString s) {
      out.writeByte('T');
      out.writeInt(s.getBytes().length);
      out.write(s.getBytes());
    } else if (v instanceof COSNumber n) {
      float f = n.floatValue();
      if (Float.isNaN(f)) {
        incomparable();
      } else {
        out.writeByte('F');
        out.writeInt(f == 0 ? 0 : Float.floatToIntBits(f));
      }
    } else if (v instanceof COSBoolean b) {
      out.writeByte(b.getValue() ? 't' : 'f');
    } else if (v instanceof COSName name) {
      out.writeByte('N');
      name(name.getName(), out);
    } else if (v instanceof org.apache.pdfbox.cos.COSNull) {
      out.writeByte('n');
    } else {
      incomparable();
    }
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
