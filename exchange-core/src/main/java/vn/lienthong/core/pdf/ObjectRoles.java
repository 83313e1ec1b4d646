package vn.lienthong.core.pdf;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * What each indirect object of one revision is for: a page, a page's content and resources, an
 * annotation, a form field (its value, its widgets and their appearances), the form, the DSS, the
 * catalog. The first role found wins, in that order, so that a resource shared by a page and an
 * appearance counts as page content, and an object the DSS refers to that a page also uses is
 * page content (with the DSS first, a changed content stream the DSS pointed at passed as
 * validation data).
 */
final class ObjectRoles {

  enum Kind { CATALOG, DSS, PAGE_TREE, PAGE, PAGE_CONTENT, ANNOTATION, FIELD, SIGNATURE_VALUE,
    WIDGET, FORM, INFO }

  /** A role: its kind, the page (1-based, 0 if none), the field name and the owning object. */
  record Role(Kind kind, int page, String field, COSObjectKey owner) {}

  /** Objects walked at most per revision: hostile graphs stop here. */
  static final int MAX_OBJECTS = 200_000;
  static final int MAX_PAGES = 10_000;
  private static final Set<COSName> BACK_LINKS = Set.of(COSName.PARENT, COSName.P,
      COSName.getPDFName("Popup"), COSName.getPDFName("IRT"));
  private static final COSName DSS = COSName.getPDFName("DSS");

  final Map<COSObjectKey, Role> roles = new HashMap<>();
  final Map<String, COSDictionary> fields = new HashMap<>();
  /** The page (1-based) of each annotation, widgets included. */
  final Map<COSObjectKey, Integer> annotationPages = new HashMap<>();
  int pageCount;
  private int walked;

  static ObjectRoles of(PDDocument doc) {
    ObjectRoles r = new ObjectRoles();
    COSDictionary catalog = doc.getDocumentCatalog().getCOSObject();
    r.mark(catalog, new Role(Kind.CATALOG, 0, "", catalog.getKey()));
    r.mark(doc.getDocument().getTrailer().getDictionaryObject(COSName.INFO),
        new Role(Kind.INFO, 0, "", null));
    r.pages(catalog.getDictionaryObject(COSName.PAGES), 0);
    r.form(catalog.getDictionaryObject(COSName.ACRO_FORM));
    r.reach(catalog.getDictionaryObject(DSS), new Role(Kind.DSS, 0, "", null));
    return r;
  }

  /**
   * Whether the walk stopped at {@link #MAX_OBJECTS}: objects beyond it have no role, so a new
   * object without one may be anything (an annotation added to a page of 100 000 passed
   * unreported).
   */
  boolean truncated() {
    return walked >= MAX_OBJECTS;
  }

  Role of(COSObjectKey key) {
    return roles.get(key);
  }

  private void pages(COSBase node, int depth) {
    if (!(node instanceof COSDictionary d) || depth > 64 || pageCount >= MAX_PAGES
        || (d.getKey() != null && roles.containsKey(d.getKey()))) {
      return;
    }
    if (d.getDictionaryObject(COSName.KIDS) instanceof COSArray kids) {
      mark(d, new Role(Kind.PAGE_TREE, 0, "", d.getKey()));
      for (COSBase kid : kids) {
        pages(kid instanceof COSObject o ? o.getObject() : kid, depth + 1);
      }
      return;
    }
    int page = ++pageCount;
    mark(d, new Role(Kind.PAGE, page, "", d.getKey()));
    reach(d.getDictionaryObject(COSName.CONTENTS), new Role(Kind.PAGE_CONTENT, page, "", d.getKey()));
    reach(d.getDictionaryObject(COSName.RESOURCES),
        new Role(Kind.PAGE_CONTENT, page, "", d.getKey()));
    if (d.getDictionaryObject(COSName.ANNOTS) instanceof COSArray annots) {
      for (COSBase a : annots) {
        COSBase annot = a instanceof COSObject o ? o.getObject() : a;
        if (a instanceof COSObject o) {
          annotationPages.putIfAbsent(o.getKey(), page);
        }
        if (annot instanceof COSDictionary ad && !COSName.WIDGET.equals(ad.getCOSName(COSName.SUBTYPE))) {
          reach(ad, new Role(Kind.ANNOTATION, page, "", ad.getKey()));
        }
      }
    }
  }

  private void form(COSBase value) {
    if (!(value instanceof COSDictionary form)) {
      return;
    }
    mark(form, new Role(Kind.FORM, 0, "", form.getKey()));
    if (form.getDictionaryObject(COSName.FIELDS) instanceof COSArray kids) {
      fields(kids, "", 0);
    }
  }

  private void fields(COSArray kids, String prefix, int depth) {
    for (COSBase item : kids) {
      COSBase value = item instanceof COSObject o ? o.getObject() : item;
      if (!(value instanceof COSDictionary field) || depth > 32 || walked > MAX_OBJECTS
          || (field.getKey() != null && roles.containsKey(field.getKey()))) {
        continue;
      }
      String partial = field.getString(COSName.T);
      String name = partial == null ? prefix : prefix.isEmpty() ? partial : prefix + "." + partial;
      boolean widgetOnly = partial == null && COSName.WIDGET.equals(field.getCOSName(COSName.SUBTYPE));
      if (widgetOnly) {
        reach(field, new Role(Kind.WIDGET, 0, prefix, field.getKey()));
        continue;
      }
      fields.putIfAbsent(name, field);
      mark(field, new Role(Kind.FIELD, 0, name, field.getKey()));
      reach(field.getDictionaryObject(COSName.V),
          new Role(Kind.SIGNATURE_VALUE, 0, name, field.getKey()));
      reach(field.getDictionaryObject(COSName.AP), new Role(Kind.WIDGET, 0, name, field.getKey()));
      reach(field.getDictionaryObject(COSName.MK), new Role(Kind.WIDGET, 0, name, field.getKey()));
      if (field.getDictionaryObject(COSName.KIDS) instanceof COSArray children) {
        fields(children, name, depth + 1);
      }
    }
  }

  private void mark(COSBase value, Role role) {
    if (value instanceof COSDictionary d && d.getKey() != null) {
      roles.putIfAbsent(d.getKey(), role);
    }
  }

  /** Gives {@code role} to every indirect object reachable from {@code start} without a role. */
  private void reach(COSBase start, Role role) {
    Deque<COSBase> todo = new ArrayDeque<>();
    COSBase first = start instanceof COSObject o ? o.getObject() : start;
    if (first == null) {
      return;
    }
    todo.push(first);
    while (!todo.isEmpty() && walked < MAX_OBJECTS) {
      COSBase item = todo.pop();
      if (item == null) {
        continue;
      }
      COSObjectKey key = item.getKey();
      if (key != null) {
        if (roles.containsKey(key)) {
          continue;
        }
        roles.put(key, role);
      }
      walked++;
      if (item instanceof COSDictionary d) {
        for (Map.Entry<COSName, COSBase> e : d.entrySet()) {
          if (!BACK_LINKS.contains(e.getKey())) {
            push(todo, e.getValue());
          }
        }
      } else if (item instanceof COSArray a) {
        for (COSBase v : a) {
          push(todo, v);
        }
      }
    }
  }

  private static void push(Deque<COSBase> todo, COSBase value) {
    if (value instanceof COSObject o) {
      COSBase target = o.getObject();
      if (target != null) {
        if (target.getKey() == null) {
          target.setKey(o.getKey());
        }
        todo.push(target);
      }
    } else if (value instanceof COSDictionary || value instanceof COSArray) {
      todo.push(value);
    }
  }
}
