package vn.lienthong.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Predicate;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.junit.jupiter.api.Test;

/** DocMDP and FieldMDP parameters read from signature dictionaries as ISO 32000-1 writes them. */
class PermissionsTest {

  @Test
  void docMdpWithoutPDefaultsToFormFillingAndApprovalSignaturesHaveNone() {
    assertThat(Permissions.docMdp(signatureWith(COSName.DOCMDP, new COSDictionary()))).isEqualTo(2);
    COSDictionary p1 = new COSDictionary();
    p1.setInt(COSName.P, 1);
    assertThat(Permissions.docMdp(signatureWith(COSName.DOCMDP, p1))).isEqualTo(1);
    assertThat(Permissions.docMdp(new COSDictionary())).isZero();
  }

  @Test
  void fieldMdpLocksAllIncludedOrAllButExcludedFields() {
    assertThat(locks("All").test("anything")).isTrue();
    Predicate<String> include = locks("Include", "amount");
    assertThat(include.test("amount")).isTrue();
    assertThat(include.test("note")).isFalse();
    Predicate<String> exclude = locks("Exclude", "note");
    assertThat(exclude.test("amount")).isTrue();
    assertThat(exclude.test("note")).isFalse();
  }

  private static Predicate<String> locks(String action, String... fields) {
    COSDictionary params = new COSDictionary();
    params.setName(COSName.getPDFName("Action"), action);
    COSArray names = new COSArray();
    for (String f : fields) {
      names.add(new COSString(f));
    }
    params.setItem(COSName.FIELDS, names);
    return Permissions.fieldLocks(signatureWith(COSName.getPDFName("FieldMDP"), params));
  }

  private static COSDictionary signatureWith(COSName method, COSDictionary params) {
    COSDictionary reference = new COSDictionary();
    reference.setItem(COSName.getPDFName("TransformMethod"), method);
    reference.setItem(COSName.getPDFName("TransformParams"), params);
    COSArray references = new COSArray();
    references.add(reference);
    COSDictionary sig = new COSDictionary();
    sig.setItem(COSName.getPDFName("Reference"), references);
    return sig;
  }
}
