package vn.lienthong.core.pdf;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSString;

/** DocMDP and FieldMDP transform parameters of a signature dictionary (ISO 32000-1 12.8.2). */
final class Permissions {

  private static final COSName REFERENCE = COSName.getPDFName("Reference");
  private static final COSName TRANSFORM_METHOD = COSName.getPDFName("TransformMethod");
  private static final COSName TRANSFORM_PARAMS = COSName.getPDFName("TransformParams");
  private static final COSName FIELD_MDP = COSName.getPDFName("FieldMDP");

  private Permissions() {}

  /**
   * The document permissions in force once this signature is made, as a DocMDP /P: its DocMDP
   * certification's /P (2 when /P is absent), else the /P of a FieldMDP transform (ISO 32000-2
   * 12.8.2.4: Acrobat's "lock document after signing" writes /P 1 there), else 0.
   */
  static int docMdp(COSDictionary sig) {
    for (COSDictionary params : params(sig, COSName.DOCMDP)) {
      int p = params.getInt(COSName.P, 2);
      return p >= 1 && p <= 3 ? p : 2;
    }
    int locked = 0;
    for (COSDictionary params : params(sig, FIELD_MDP)) {
      locked = stricter(locked, lockPermission(params));
    }
    return locked;
  }

  /**
   * Whether the signature certifies the document: it has a DocMDP reference (a FieldMDP one only
   * locks fields of an approval signature, whatever its /P).
   */
  static boolean certifies(COSDictionary sig) {
    return !params(sig, COSName.DOCMDP).isEmpty();
  }

  /** The /P of a FieldMDP transform or a /Lock dictionary (PDF 2.0), 0 when it has none. */
  static int lockPermission(COSDictionary params) {
    if (!params.containsKey(COSName.P)) {
      return 0;
    }
    int p = params.getInt(COSName.P, 2);
    return p >= 1 && p <= 3 ? p : 2;
  }

  /** The stricter of two permissions, 0 meaning none. */
  static int stricter(int a, int b) {
    return a == 0 ? b : b == 0 ? a : Math.min(a, b);
  }

  /** Which field names the FieldMDP references of this signature lock. */
  static Predicate<String> fieldLocks(COSDictionary sig) {
    Predicate<String> locked = name -> false;
    for (COSDictionary params : params(sig, FIELD_MDP)) {
      locked = locked.or(lockDictionary(params));
    }
    return locked;
  }

  /** The fields a FieldMDP parameter or /Lock dictionary locks (/Action All, Include, Exclude). */
  static Predicate<String> lockDictionary(COSDictionary params) {
    Predicate<String> locked = name -> false;
    {
      String action = params.getNameAsString(COSName.getPDFName("Action"));
      List<String> fields = names(params.getDictionaryObject(COSName.FIELDS));
      Predicate<String> lock = switch (action == null ? "" : action) {
        case "All" -> name -> true;
        case "Include" -> fields::contains;
        case "Exclude" -> name -> !fields.contains(name);
        default -> name -> false;
      };
      locked = locked.or(lock);
    }
    return locked;
  }

  private static List<COSDictionary> params(COSDictionary sig, COSName method) {
    List<COSDictionary> found = new ArrayList<>();
    if (sig.getDictionaryObject(REFERENCE) instanceof COSArray refs) {
      for (COSBase r : refs) {
        COSBase ref = r instanceof COSObject o ? o.getObject() : r;
        if (ref instanceof COSDictionary d && method.equals(d.getCOSName(TRANSFORM_METHOD))
            && d.getDictionaryObject(TRANSFORM_PARAMS) instanceof COSDictionary params) {
          found.add(params);
        }
      }
    }
    return found;
  }

  private static List<String> names(COSBase value) {
    List<String> names = new ArrayList<>();
    if (value instanceof COSArray array) {
      for (COSBase item : array) {
        COSBase v = item instanceof COSObject o ? o.getObject() : item;
        if (v instanceof COSString s) {
          names.add(s.getString());
        }
      }
    }
    return names;
  }
}
