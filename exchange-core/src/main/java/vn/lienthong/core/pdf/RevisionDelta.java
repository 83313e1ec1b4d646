package vn.lienthong.core.pdf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import vn.lienthong.core.pdf.ObjectRoles.Role;
import vn.lienthong.core.validation.ChangeInfo;
import vn.lienthong.core.validation.ChangeInfo.Kind;

/**
 * What one revision changed compared with the one before it, each change judged against the
 * certification in force ({@code permission}: 0 none, 1 to 3) and the FieldMDP locks of the
 * signatures before it. Objects are compared one by one (every object whose cross-reference
 * entry changed, so an update that only redirects the cross-reference table is seen too), each
 * given a role by what refers to it; then the pages concerned are rendered and compared.
 */
final class RevisionDelta {

  private static final Set<String> CATALOG_ALLOWED = Set.of("DSS", "AcroForm", "Extensions");
  private static final Set<String> FORM_ALLOWED =
      Set.of("Fields", "SigFlags", "NeedAppearances", "DR", "DA");
  private static final COSName XREF = COSName.getPDFName("XRef");

  private final PDDocument prev;
  private final PDDocument cur;
  private final int revision;
  private final int permission;
  private final RenderingBudget rendering;
  private final ObjectRoles before;
  private final ObjectRoles after;
  private final List<ChangeInfo> changes = new ArrayList<>();
  private final List<Addition> additions = new ArrayList<>();
  private final Set<Integer> pagesToRender = new TreeSet<>();
  private boolean renderAll;

  RevisionDelta(PDDocument prev, PDDocument cur, int revision, int permission,
      RenderingBudget rendering) {
    this.rendering = rendering;
    this.prev = prev;
    this.cur = cur;
    this.revision = revision;
    this.permission = permission;
    this.before = ObjectRoles.of(prev);
    this.after = ObjectRoles.of(cur);
  }

  List<ChangeInfo> changes() {
    Set<String> fields = new TreeSet<>();
    Map<COSObjectKey, Boolean> annotations = new TreeMap<>();
    boolean validation = false;
    for (COSObjectKey key : changedObjects()) {
      boolean isNew = !prev.getDocument().getXrefTable().containsKey(key);
      Role role = after.of(key) != null ? after.of(key) : before.of(key);
      if (role == null) {
        if (!isNew) {
          other(key, "object " + key + " (" + type(prev, key) + ") was changed or deleted");
        } else if (before.truncated() || after.truncated()) {
          other(key, "object " + key + " (" + type(cur, key) + ") was added, and what it is for "
              + "is unknown: the revision has more objects than the bound of "
              + ObjectRoles.MAX_OBJECTS + " walked");
        }
        continue;
      }
      switch (role.kind()) {
        case DSS -> {
          // validation data is added: a certificate, OCSP or CRL stream already there never changes
          if (!isNew && resolve(cur, key) instanceof COSStream) {
            other(key, "object " + key + " (" + type(prev, key) + "), validation data already there, was changed");
          } else {
            validation = true;
          }
        }
        case FIELD, SIGNATURE_VALUE, WIDGET -> fields.add(role.field());
        case ANNOTATION -> {
          if (role.owner() != null) {
            annotations.merge(role.owner(), isNew && key.equals(role.owner()), Boolean::logicalOr);
          }
        }
        case PAGE -> page(key, role.page(), isNew);
        case PAGE_CONTENT -> pageContent(key, role.page(), isNew);
        case PAGE_TREE -> keysChanged(key, Set.of(), Kind.PAGE_ADDED_OR_REMOVED, "page tree node");
        case CATALOG -> keysChanged(key, CATALOG_ALLOWED, Kind.OTHER_OBJECT_CHANGED, "catalog");
        case FORM -> keysChanged(key, FORM_ALLOWED, Kind.OTHER_OBJECT_CHANGED, "interactive form");
        case INFO -> other(key, "the document information dictionary " + key + " changed");
      }
    }
    if (before.pageCount != after.pageCount) {
      changes.add(new ChangeInfo(revision, Kind.PAGE_ADDED_OR_REMOVED, false,
          "the page count went from " + before.pageCount + " to " + after.pageCount));
    }
    if (validation) {
      changes.add(new ChangeInfo(revision, Kind.VALIDATION_DATA_ADDED, true,
          "validation data (DSS: certificates, OCSP responses, CRLs, VRI) added or updated"));
    }
    FieldChanges.judge(this, fields);
    annotations.forEach(this::annotation);
    compareRendered();
    return changes;
  }

  /**
   * Every object whose cross-reference entry is new, moved or gone, or that sits in an object
   * stream whose entry is (redefining an object stream changes the objects compressed in it while
   * their entries, "in stream n", stay the same), and whose value differs.
   */
  private List<COSObjectKey> changedObjects() {
    Map<COSObjectKey, Long> px = prev.getDocument().getXrefTable();
    Map<COSObjectKey, Long> cx = cur.getDocument().getXrefTable();
    Set<COSObjectKey> keys = new TreeSet<>(Comparator.comparingLong(COSObjectKey::getNumber)
        .thenComparingInt(COSObjectKey::getGeneration));
    for (Map.Entry<COSObjectKey, Long> e : cx.entrySet()) {
      if (!Objects.equals(px.get(e.getKey()), e.getValue())) {
        keys.add(e.getKey());
      }
    }
    for (COSObjectKey key : px.keySet()) {
      if (!cx.containsKey(key)) {
        keys.add(key);
      }
    }
    // PDFBox records a compressed object's entry as the negated number of its object stream
    Set<Long> streams = new java.util.HashSet<>();
    keys.forEach(k -> streams.add(-k.getNumber()));
    for (Map<COSObjectKey, Long> xref : List.of(px, cx)) {
      xref.forEach((k, v) -> {
        if (v != null && v < 0 && streams.contains(v)) {
          keys.add(k);
        }
      });
    }
    List<COSObjectKey> changed = new ArrayList<>();
    for (COSObjectKey key : keys) {
      COSBase now = resolve(cur, key);
      if (now instanceof COSStream s && (XREF.equals(s.getCOSName(COSName.TYPE))
          || COSName.OBJ_STM.equals(s.getCOSName(COSName.TYPE)))) {
        continue;
      }
      if (!px.containsKey(key) || !CosCompare.same(resolve(prev, key), now)) {
        changed.add(key);
      }
    }
    return changed;
  }

  private void page(COSObjectKey key, int page, boolean isNew) {
    if (isNew) {
      return; // the page count says it
    }
    Set<String> keys = changedKeys(key);
    pagesToRender.add(page);
    if (keys.remove("Annots")) {
      annotationList(page, resolve(prev, key), resolve(cur, key));
    }
    if (!keys.isEmpty()) {
      changes.add(new ChangeInfo(revision, Kind.PAGE_CONTENT_CHANGED, false,
          "page " + page + ": " + keys.stream().map(k -> "/" + k).toList() + " changed"));
    }
  }

  /**
   * A page's /Annots changed: annotations removed (their rectangles are not masked, so what
   * their removal reveals is seen) and direct annotation dictionaries added or changed (indirect
   * ones are judged as objects of their own).
   */
  private void annotationList(int page, COSBase was, COSBase now) {
    List<COSBase> old = annots(was);
    List<COSBase> current = annots(now);
    boolean permitted = permission == 0 || permission == 3;
    // fingerprints, not each with each: 10 000 annotations rewritten took 18 s
    List<String> oldPrints = CosCompare.fingerprints(old);
    List<String> currentPrints = CosCompare.fingerprints(current);
    Set<String> kept = new java.util.HashSet<>(currentPrints);
    Set<String> had = new java.util.HashSet<>(oldPrints);
    for (String print : oldPrints) {
      if (print == null || !kept.contains(print)) {
        add(new Addition(Kind.ANNOTATION_CHANGED, "an annotation was removed from page " + page,
            permitted, List.of()));
      }
    }
    for (int i = 0; i < current.size(); i++) {
      String print = currentPrints.get(i);
      if (current.get(i) instanceof COSDictionary d && (print == null || !had.contains(print))) {
        add(new Addition(Kind.ANNOTATION_ADDED, "direct annotation " + d.getNameAsString(
            COSName.SUBTYPE) + " on page " + page, permitted, List.of(new Placed(page, rect(d)))));
      }
    }
  }

  private static List<COSBase> annots(COSBase page) {
    if (page instanceof COSDictionary d && d.getDictionaryObject(COSName.ANNOTS)
        instanceof COSArray array) {
      List<COSBase> items = new ArrayList<>();
      array.forEach(items::add);
      return items;
    }
    return List.of();
  }

  private void pageContent(COSObjectKey key, int page, boolean isNew) {
    pagesToRender.add(page);
    changes.add(new ChangeInfo(revision, Kind.PAGE_CONTENT_CHANGED, false, "page " + page
        + ": content or resource object " + key + " (" + type(cur, key) + ") "
        + (isNew ? "added" : "changed")));
  }

  private void keysChanged(COSObjectKey key, Set<String> allowed, Kind kind, String what) {
    Set<String> keys = changedKeys(key);
    keys.removeAll(allowed);
    if (!keys.isEmpty()) {
      renderAll = true;
      changes.add(new ChangeInfo(revision, kind, false, what + " " + key + ": "
          + keys.stream().map(k -> "/" + k).toList() + " changed"));
    }
  }

  private void other(COSObjectKey key, String description) {
    renderAll = true;
    changes.add(new ChangeInfo(revision, Kind.OTHER_OBJECT_CHANGED, false, description));
  }

  private void annotation(COSObjectKey key, boolean isNew) {
    COSBase value = resolve(cur, key);
    if (!(value instanceof COSDictionary annot)) {
      other(key, "annotation " + key + " was removed or is not a dictionary");
      return;
    }
    Integer page = after.annotationPages.get(key);
    String subtype = annot.getNameAsString(COSName.SUBTYPE);
    boolean permitted = permission == 0 || permission == 3;
    add(new Addition(isNew ? Kind.ANNOTATION_ADDED : Kind.ANNOTATION_CHANGED,
        (isNew ? "annotation " : "annotation changed: ") + subtype + " " + key
            + (page == null ? "" : " on page " + page), permitted,
        page == null ? List.of() : List.of(new Placed(page, rect(annot)))));
  }

  void add(Addition addition) {
    additions.add(addition);
    addition.places().forEach(p -> pagesToRender.add(p.page()));
  }

  /** Renders the pages concerned; judges additions' appearances; finds other visible changes. */
  private void compareRendered() {
    if (renderAll) {
      for (int p = 1; p <= Math.min(before.pageCount, after.pageCount); p++) {
        pagesToRender.add(p);
      }
    }
    int rendered = 0;
    for (int page : pagesToRender) {
      if (page > before.pageCount || page > after.pageCount) {
        continue;
      }
      if (++rendered > PdfRevisions.MAX_PAGES_RENDERED) {
        changes.add(new ChangeInfo(revision, Kind.VISIBLE_CONTENT_CHANGED, false, "page " + page
            + " and further pages were not rendered: beyond the bound of "
            + PdfRevisions.MAX_PAGES_RENDERED + " pages per revision"));
        break;
      }
      comparePage(page);
    }
    for (Addition a : additions) {
      changes.add(new ChangeInfo(revision, a.kind(), a.permitted() && !a.drawsOverContent,
          a.description() + (a.drawsOverContent ? "; its appearance draws over page content" : "")
              + (a.permitted() ? "" : "; not allowed by the certification (DocMDP P="
                  + permission + ") or a FieldMDP lock")));
    }
  }

  private void comparePage(int page) {
    try {
      VisualDiff diff = VisualDiff.of(prev, cur, page, rendering);
      List<PDRectangle> allowed = new ArrayList<>();
      for (Addition a : additions) {
        for (Placed p : a.places()) {
          if (p.page() == page && diff.drawsOverContent(p.rect())) {
            a.drawsOverContent = true;
          }
        }
      }
      for (Addition a : additions) {
        if (a.permitted() && !a.drawsOverContent) {
          a.places().stream().filter(p -> p.page() == page).forEach(p -> allowed.add(p.rect()));
        }
      }
      int changed = diff.changedPixelsOutside(allowed);
      if (changed > VisualDiff.NOISE) {
        changes.add(new ChangeInfo(revision, Kind.VISIBLE_CONTENT_CHANGED, false, "page " + page
            + ": " + changed + " pixels (at " + Math.round(diff.dpi())
            + " dpi) differ outside the appearances of allowed additions"));
      }
    } catch (IOException | RuntimeException e) {
      changes.add(new ChangeInfo(revision, Kind.VISIBLE_CONTENT_CHANGED, false,
          "page " + page + " cannot be rendered to compare it: " + e));
    }
  }

  Set<String> changedKeys(COSObjectKey key) {
    COSBase a = resolve(prev, key);
    COSBase b = resolve(cur, key);
    if (a instanceof COSDictionary da && b instanceof COSDictionary db) {
      return CosCompare.changedKeys(da, db);
    }
    return new TreeSet<>(Set.of("(whole object)"));
  }

  static COSBase resolve(PDDocument doc, COSObjectKey key) {
    if (!doc.getDocument().getXrefTable().containsKey(key)) {
      return null;
    }
    COSObject object = doc.getDocument().getObjectFromPool(key);
    COSBase value = object == null ? null : object.getObject();
    if (value != null && value.getKey() == null) {
      value.setKey(key);
    }
    return value;
  }

  private static String type(PDDocument doc, COSObjectKey key) {
    COSBase value = resolve(doc, key);
    if (value instanceof COSDictionary d) {
      String type = d.getNameAsString(COSName.TYPE);
      String subtype = d.getNameAsString(COSName.SUBTYPE);
      return (value instanceof COSStream ? "stream" : "dictionary")
          + (type == null ? "" : " /Type /" + type) + (subtype == null ? "" : " /Subtype /" + subtype);
    }
    return value == null ? "absent" : value.getClass().getSimpleName();
  }

  static PDRectangle rect(COSDictionary annot) {
    int flags = annot.getInt(COSName.F, 0);
    if ((flags & 2) != 0 || !(annot.getDictionaryObject(COSName.RECT) instanceof COSArray a)) {
      return new PDRectangle(0, 0, 0, 0); // hidden, or nothing to draw in
    }
    return new PDRectangle(a);
  }

  PDDocument prevDocument() {
    return prev;
  }

  ObjectRoles before() {
    return before;
  }

  ObjectRoles after() {
    return after;
  }

  int revision() {
    return revision;
  }

  int permission() {
    return permission;
  }

  /** Where an addition draws: a rectangle on a page. */
  record Placed(int page, PDRectangle rect) {}

  /** An addition or change whose appearance is judged on the rendered page. */
  static final class Addition {
    private final Kind kind;
    private final String description;
    private final boolean permitted;
    private final List<Placed> places;
    boolean drawsOverContent;

    Addition(Kind kind, String description, boolean permitted, List<Placed> places) {
      this.kind = kind;
      this.description = description;
      this.permitted = permitted;
      this.places = List.copyOf(places);
    }

    Kind kind() { return kind; }
    String description() { return description; }
    boolean permitted() { return permitted; }
    List<Placed> places() { return places; }
  }
}
