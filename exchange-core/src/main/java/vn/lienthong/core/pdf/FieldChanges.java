package vn.lienthong.core.pdf;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import vn.lienthong.core.pdf.RevisionDelta.Addition;
import vn.lienthong.core.pdf.RevisionDelta.Placed;
import vn.lienthong.core.validation.ChangeInfo.Kind;

/**
 * Form field changes of one revision: a signature or document time stamp added, a field filled
 * (subject to FieldMDP locks), a field added or its widget's appearance changed. Each becomes an
 * {@link Addition} whose widgets' appearances are then judged on the rendered page.
 */
final class FieldChanges {

  private static final COSName DOC_TIME_STAMP = COSName.getPDFName("DocTimeStamp");
  private static final COSName LOCK = COSName.getPDFName("Lock");

  private FieldChanges() {}

  static void judge(RevisionDelta delta, Set<String> names) {
    Predicate<String> locked = locks(delta.before());
    int p = delta.permission();
    for (String name : names) {
      COSDictionary now = delta.after().fields.get(name);
      COSDictionary was = delta.before().fields.get(name);
      if (now == null) {
        delta.add(new Addition(Kind.OTHER_OBJECT_CHANGED, "form field " + name + " removed",
            false, List.of()));
        continue;
      }
      List<Placed> places = widgets(delta, now);
      COSBase value = now.getDictionaryObject(COSName.V);
      COSBase oldValue = was == null ? null : was.getDictionaryObject(COSName.V);
      boolean valueChanged = was == null ? value != null
          : !CosCompare.same(was.getItem(COSName.V), now.getItem(COSName.V))
              || !CosCompare.same(oldValue, value);
      if (COSName.SIG.equals(fieldType(now))) {
        signature(delta, name, value, oldValue, valueChanged, was == null, places);
      } else if (was == null) {
        delta.add(new Addition(Kind.ANNOTATION_ADDED, "form field " + name + " added", p == 0
            || p == 3, places));
      } else if (valueChanged) {
        boolean lock = locked.test(name);
        delta.add(new Addition(Kind.FORM_FIELD_FILLED, "form field " + name + " filled"
            + (lock ? " although a FieldMDP lock covers it" : ""), p != 1 && !lock, places));
      } else {
        delta.add(new Addition(Kind.ANNOTATION_CHANGED, "widget of form field " + name
            + " changed", p == 0 || p == 3, places));
      }
    }
  }

  private static void signature(RevisionDelta delta, String name, COSBase value, COSBase oldValue,
      boolean valueChanged, boolean isNew, List<Placed> places) {
    int p = delta.permission();
    if (valueChanged && oldValue == null && value instanceof COSDictionary sig) {
      boolean timestamp = DOC_TIME_STAMP.equals(sig.getCOSName(COSName.TYPE))
          || "ETSI.RFC3161".equals(sig.getNameAsString(COSName.SUB_FILTER));
      delta.add(timestamp
          ? new Addition(Kind.DOCUMENT_TIMESTAMP_ADDED, "document time stamp " + name + " added",
              true, places)
          : new Addition(Kind.SIGNATURE_ADDED, "signature " + name + " added", p != 1, places));
    } else if (valueChanged) {
      delta.add(new Addition(Kind.OTHER_OBJECT_CHANGED, "the signature dictionary of " + name
          + " was changed or removed after it was signed", false, List.of()));
    } else if (isNew) {
      delta.add(new Addition(Kind.SIGNATURE_ADDED, "empty signature field " + name + " added",
          p != 1, places));
    } else {
      delta.add(new Addition(Kind.ANNOTATION_CHANGED, "appearance of signature field " + name
          + " changed", p == 0 || p == 3, places));
    }
  }

  /** The field's widgets with their pages: the field itself when merged, else its kids. */
  private static List<Placed> widgets(RevisionDelta delta, COSDictionary field) {
    List<COSDictionary> widgets = new ArrayList<>();
    if (field.containsKey(COSName.RECT)) {
      widgets.add(field);
    }
    if (field.getDictionaryObject(COSName.KIDS) instanceof COSArray kids) {
      for (COSBase kid : kids) {
        COSBase k = kid instanceof COSObject o ? o.getObject() : kid;
        if (k instanceof COSDictionary d && d.containsKey(COSName.RECT)) {
          widgets.add(d);
        }
      }
    }
    List<Placed> places = new ArrayList<>();
    for (COSDictionary w : widgets) {
      Integer page = w.getKey() == null ? null : delta.after().annotationPages.get(w.getKey());
      if (page != null) {
        places.add(new Placed(page, RevisionDelta.rect(w)));
      }
    }
    return places;
  }

  private static COSName fieldType(COSDictionary field) {
    COSDictionary f = field;
    for (int depth = 0; f != null && depth < 32; depth++) {
      COSName type = f.getCOSName(COSName.FT);
      if (type != null) {
        return type;
      }
      f = f.getDictionaryObject(COSName.PARENT) instanceof COSDictionary parent ? parent : null;
    }
    return null;
  }

  /** FieldMDP locks of the signatures already there: their /Reference and their field's /Lock. */
  private static Predicate<String> locks(ObjectRoles roles) {
    Predicate<String> locked = name -> false;
    for (COSDictionary field : roles.fields.values()) {
      if (field.getDictionaryObject(COSName.V) instanceof COSDictionary sig) {
        locked = locked.or(Permissions.fieldLocks(sig));
        if (field.getDictionaryObject(LOCK) instanceof COSDictionary lock) {
          locked = locked.or(Permissions.lockDictionary(lock));
        }
      }
    }
    return locked;
  }
}
