package vn.lienthong.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSBoolean;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSFloat;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNull;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSString;
import org.junit.jupiter.api.Test;

/** Fingerprints are equal exactly when {@link CosCompare#same} says so. */
class CosCompareFingerprintTest {

  private static COSDictionary dict(Object... kv) {
    COSDictionary d = new COSDictionary();
    for (int i = 0; i < kv.length; i += 2) {
      d.setItem(COSName.getPDFName((String) kv[i]), (COSBase) kv[i + 1]);
    }
    return d;
  }

  private static COSArray array(COSBase... items) {
    COSArray a = new COSArray();
    for (COSBase b : items) {
      a.add(b);
    }
    return a;
  }

  @Test
  void fingerprintsAgreeWithSame() {
    COSBase deep = array();
    for (int i = 0; i < 70; i++) {
      deep = array(deep);
    }
    List<COSBase> values = List.of(
        COSInteger.get(1), new COSFloat(1f), new COSFloat(0f), new COSFloat(-0f),
        new COSFloat(Float.NaN), COSInteger.get(2), new COSString("a"), new COSString("b"),
        COSName.getPDFName("a"), COSBoolean.TRUE, COSBoolean.FALSE, COSNull.NULL,
        array(COSInteger.get(1), COSInteger.get(2)), array(COSInteger.get(2), COSInteger.get(1)),
        array(new COSFloat(1f), COSInteger.get(2)),
        dict("A", COSInteger.get(1), "B", COSName.getPDFName("x")),
        dict("B", COSName.getPDFName("x"), "A", new COSFloat(1f)),
        dict("A", COSInteger.get(1)),
        dict("A", array(COSInteger.get(1))),
        new COSObject(null, new COSObjectKey(5, 0)), new COSObject(null, new COSObjectKey(5, 0)),
        new COSObject(null, new COSObjectKey(6, 0)),
        deep, deep);
    for (COSBase a : values) {
      for (COSBase b : values) {
        String printA = CosCompare.fingerprint(a);
        // no fingerprint: equal to nothing, itself included
        assertThat(printA != null && printA.equals(CosCompare.fingerprint(b)))
            .as("%s vs %s", a, b).isEqualTo(CosCompare.same(a, b));
      }
    }
  }
}
