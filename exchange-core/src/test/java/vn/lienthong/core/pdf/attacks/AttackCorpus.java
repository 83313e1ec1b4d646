package vn.lienthong.core.pdf.attacks;

import static vn.lienthong.core.validation.ChangeInfo.Kind.ANNOTATION_ADDED;
import static vn.lienthong.core.validation.ChangeInfo.Kind.FORM_FIELD_FILLED;
import static vn.lienthong.core.validation.ChangeInfo.Kind.PAGE_CONTENT_CHANGED;
import static vn.lienthong.core.validation.ChangeInfo.Kind.SIGNATURE_ADDED;
import static vn.lienthong.core.validation.ChangeInfo.Kind.VISIBLE_CONTENT_CHANGED;
import static vn.lienthong.core.validation.CheckId.*;
import static vn.lienthong.core.validation.Indication.TOTAL_FAILED;
import static vn.lienthong.core.validation.Indication.TOTAL_PASSED;
import static vn.lienthong.core.validation.SubIndication.FORMAT_FAILURE;
import static vn.lienthong.core.validation.SubIndication.HASH_FAILURE;
import static vn.lienthong.core.validation.SubIndication.SIG_CONSTRAINTS_FAILURE;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import vn.lienthong.core.pdf.Appearance;
import vn.lienthong.core.pdf.Certification;
import vn.lienthong.core.pdf.PadesLevel;
import vn.lienthong.core.pdf.PdfExtender;
import vn.lienthong.core.pdf.PdfSigner;
import vn.lienthong.core.pdf.Placement;
import vn.lienthong.core.pdf.SignatureOptions;
import vn.lienthong.core.pki.SigningKey;
import vn.lienthong.core.validation.ChangeInfo;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.KeyKind;
import vn.lienthong.sample.pki.SamplePki;
import vn.lienthong.sample.services.SampleCaServer;

/**
 * The attack corpus: from genuine signatures made with {@link PdfSigner} under a fresh EC P-256
 * sample PKI (its OCSP, TSA and CRL services on a free loopback port, up while the corpus is
 * open), every attack class of {@code signatures.md} written into a folder with the verdict a
 * verifier must give it, plus genuine controls that must pass. Verifiers trust
 * {@link #trustAnchors()}.
 *
 * <pre>{@code
 * try (AttackCorpus corpus = AttackCorpus.start()) {
 *   for (CorpusEntry e : corpus.write(dir)) { ... verify e.file(), expect e.expected() ... }
 * }
 * }</pre>
 */
public final class AttackCorpus implements AutoCloseable {

  private final Clock clock = Clock.systemUTC();
  private final SampleCaServer server;
  private final SamplePki pki;
  private final PdfSigner signer;
  private final PdfExtender extender;

  private AttackCorpus() throws IOException {
    server = SampleCaServer.bind(0, clock);
    pki = DemoSet.generator(KeyKind.EC_P256, server.urls()).clock(clock).build().generate();
    server.start(pki);
    signer = PdfSigner.builder().clock(clock).timeStampAuthority(server.urls().tsa())
        .trustAnchors(pki.trustAnchors()).build();
    extender = PdfExtender.builder(server.urls().tsa()).clock(clock)
        .trustAnchors(pki.trustAnchors()).build();
  }

  /** Generates the PKI and starts its services. */
  public static AttackCorpus start() throws IOException {
    return new AttackCorpus();
  }

  public SamplePki pki() {
    return pki;
  }

  public Set<X509Certificate> trustAnchors() {
    return Set.copyOf(pki.trustAnchors());
  }

  /** Writes every attack and control into {@code folder}; returns them with their verdicts. */
  public List<CorpusEntry> write(Path folder) throws Exception {
    Files.createDirectories(folder);
    Writer w = new Writer(folder);
    controls(w);
    forgeries(w);
    incrementalAndShadow(w);
    certificationAttacks(w);
    return List.copyOf(w.entries);
  }

  private void controls(Writer w) throws Exception {
    Path plain = w.base("base-plain.pdf", BaseDocuments::plain);
    for (PadesLevel level : PadesLevel.values()) {
      w.pass("control-" + level.name().toLowerCase().replace('_', '-'), "a genuine " + level
          + " signature", out -> sign(plain, out, DemoSet.CHAIRMAN, level, Certification.NONE,
              signerLook()));
    }
    w.pass("control-signer-and-seal", "Decree 30: the chairman signs (B-T), the province seals"
        + " over his image (B-LT)", out -> {
          Path first = w.temp("signer-only.pdf");
          sign(plain, first, DemoSet.CHAIRMAN, PadesLevel.B_T, Certification.NONE, signerLook());
          signSeal(first, out, Certification.NONE);
        });
    w.pass("control-extended-to-lta", "a B-T signature raised to B-LTA by PdfExtender", out -> {
      Path first = w.temp("bt.pdf");
      sign(plain, first, DemoSet.CHAIRMAN, PadesLevel.B_T, Certification.NONE, signerLook());
      extender.extend(first, out, PadesLevel.B_LTA);
    });
    w.pass("control-docmdp-p2-then-signature", "certified with DocMDP P=2 by the seal, then the"
        + " chairman's visible signature in the free area (allowed)", out -> {
          Path first = w.temp("certified-p2.pdf");
          sign(plain, first, sealAlias(), PadesLevel.B_T, Certification.FORM_FILLING,
              new Look(new Appearance.Invisible(), null));
          sign(first, out, DemoSet.CHAIRMAN, PadesLevel.B_T, Certification.NONE, signerLook());
        });
    w.pass("control-docmdp-p2-form-filled", "certified with DocMDP P=2, then a text field in a"
        + " blank area filled (allowed)", out -> {
          Path first = w.temp("field-free-signed.pdf");
          sign(w.base("base-field-free.pdf", BaseDocuments::withFieldInFreeArea), first,
              sealAlias(), PadesLevel.B_B, Certification.FORM_FILLING, signerLook());
          Updates.fillField(first, out, BaseDocuments.FREE);
        });
    w.pass("control-docmdp-p3-comment-in-margin", "certified with DocMDP P=3, then a FreeText"
        + " comment in a blank area (allowed)", out -> {
          Path first = w.temp("certified-p3-comment.pdf");
          sign(plain, first, sealAlias(), PadesLevel.B_B, Certification.ANNOTATIONS, signerLook());
          Updates.addFreeText(first, out, BaseDocuments.FREE);
        });
  }

  private void forgeries(Writer w) throws Exception {
    Path signed = w.temp("signed-bb.pdf");
    sign(w.base("base-plain2.pdf", BaseDocuments::plain), signed, DemoSet.CHAIRMAN,
        PadesLevel.B_B, Certification.NONE, signerLook());
    w.format("usf-no-contents", "/Contents key removed", SIGNATURE_DICTIONARY_WELL_FORMED,
        out -> new RawEdits(signed).renameKey("/Contents", "/Xontents").write(out));
    w.format("usf-contents-null", "/Contents null", SIGNATURE_DICTIONARY_WELL_FORMED,
        out -> new RawEdits(signed).contentsValue("null").write(out));
    w.format("usf-contents-empty", "/Contents <>", SIGNATURE_DICTIONARY_WELL_FORMED,
        out -> new RawEdits(signed).contentsValue("<>").write(out));
    w.format("usf-no-byterange", "/ByteRange key removed", SIGNATURE_DICTIONARY_WELL_FORMED,
        out -> new RawEdits(signed).renameKey("/ByteRange", "/ByteRangX").write(out));
    w.format("usf-byterange-null", "/ByteRange null", SIGNATURE_DICTIONARY_WELL_FORMED,
        out -> new RawEdits(signed).byteRangeValue("null").write(out));
    w.format("usf-byterange-one-range", "/ByteRange [0 a]: one range", BYTE_RANGE_VALID, out -> {
      RawEdits e = new RawEdits(signed);
      long[] r = e.byteRange();
      e.byteRange("0 " + r[1]).write(out);
    });
    w.format("usf-byterange-three-ranges", "/ByteRange with three ranges", BYTE_RANGE_VALID,
        out -> {
          RawEdits e = new RawEdits(signed);
          long[] r = e.byteRange();
          e.byteRange("0 " + r[1] + " " + r[2] + " 1 1 1").write(out);
        });
    w.format("usf-byterange-not-at-zero", "/ByteRange [1 a-1 b c]", BYTE_RANGE_VALID, out -> {
      RawEdits e = new RawEdits(signed);
      long[] r = e.byteRange();
      e.byteRange("1 " + (r[1] - 1) + " " + r[2] + " " + r[3]).write(out);
    });
    w.format("usf-byterange-overlap", "the second range starts inside the first",
        BYTE_RANGE_VALID, out -> {
          RawEdits e = new RawEdits(signed);
          long[] r = e.byteRange();
          e.byteRange("0 " + r[1] + " " + (r[1] - 100) + " " + (r[3] + r[2] - r[1] + 100))
              .write(out);
        });
    w.format("usf-byterange-beyond-file", "the second range ends beyond the file",
        BYTE_RANGE_VALID, out -> {
          RawEdits e = new RawEdits(signed);
          long[] r = e.byteRange();
          e.byteRange("0 " + r[1] + " " + r[2] + " " + (r[3] + 4096)).write(out);
        });
    w.format("usf-empty-cms", "/Contents all zeros: no CMS at all", CMS_WELL_FORMED, out -> {
      RawEdits e = new RawEdits(signed);
      e.contentsDigits(0, "0".repeat(e.contentsDigitCount())).write(out);
    });
    w.format("usf-odd-hex", "/Contents with an odd number of hex digits (the ByteRange moved to"
        + " keep the gap exact)", SIGNATURE_DICTIONARY_WELL_FORMED, out -> {
          RawEdits e = new RawEdits(signed);
          long[] r = e.byteRange();
          e.contentsDigits(e.contentsDigitCount() - 1, ">");
          e.bytes[e.contentsEnd] = ' ';
          e.byteRange("0 " + r[1] + " " + (r[2] - 1) + " " + (r[3] + 1)).write(out);
        });
    w.format("cms-not-der", "the CMS does not start with a DER SEQUENCE", CMS_WELL_FORMED,
        out -> new RawEdits(signed).contentsDigits(0, "FF").write(out));
    // the structure reads one DER object; that it is a ContentInfo is the verifier's check
    w.add("cms-not-contentinfo", "one complete DER SEQUENCE, zero-padded, that is no CMS ContentInfo",
        TOTAL_FAILED, FORMAT_FAILURE, CMS_WELL_FORMED, null, Set.of(), out -> {
          RawEdits e = new RawEdits(signed);
          e.contentsDigits(0, "3003020101" + "0".repeat(e.contentsDigitCount() - 10)).write(out);
        });
    w.format("cms-garbage-after-der", "non-zero bytes in the padding after the CMS",
        CMS_WELL_FORMED, out -> {
          RawEdits e = new RawEdits(signed);
          e.contentsDigits(e.contentsDigitCount() - 8, "DEADBEEF").write(out);
        });
    w.add("digest-mismatch", "one signed byte flipped (in the header's binary comment)",
        TOTAL_FAILED, HASH_FAILURE, MESSAGE_DIGEST_MATCHES, null, Set.of(),
        out -> new RawEdits(signed).flip(10).write(out));
    w.format("signature-wrapping", "the second range moved: a dictionary entry with other"
        + " content sits in the gap after /Contents", CONTENTS_FILL_GAP, out -> wrap(signed, out));
  }

  private void incrementalAndShadow(Writer w) throws Exception {
    Path signed = w.temp("signed-bt.pdf");
    sign(w.base("base-plain3.pdf", BaseDocuments::plain), signed, DemoSet.CHAIRMAN,
        PadesLevel.B_T, Certification.NONE, signerLook());
    w.changed("incremental-saving-new-content", "a content stream appended to the page after"
        + " signing", NO_DISALLOWED_CHANGES, Set.of(PAGE_CONTENT_CHANGED, VISIBLE_CONTENT_CHANGED),
        out -> Updates.appendPageContent(signed, out));
    w.changed("incremental-saving-changed-text", "the page's content stream rewritten after"
        + " signing, a text object moved", NO_DISALLOWED_CHANGES,
        Set.of(PAGE_CONTENT_CHANGED, VISIBLE_CONTENT_CHANGED),
        out -> Updates.changeTextObject(signed, out));
    w.changed("shadow-hide", "signed with a cover XObject over a forged amount; the update"
        + " empties the cover", NO_VISIBLE_CHANGES, Set.of(PAGE_CONTENT_CHANGED,
            VISIBLE_CONTENT_CHANGED), out -> {
          Path s = w.temp("cover-signed.pdf");
          sign(w.base("base-cover.pdf", BaseDocuments::withCover), s, DemoSet.CHAIRMAN,
              PadesLevel.B_B, Certification.NONE, signerLook());
          Updates.removeCover(s, out);
        });
    w.changed("shadow-replace", "certified P=2 with an empty text field over the amount; the"
        + " update fills it with an opaque forged amount", NO_VISIBLE_CHANGES,
        Set.of(FORM_FIELD_FILLED, VISIBLE_CONTENT_CHANGED), out -> {
          Path s = w.temp("field-signed.pdf");
          sign(w.base("base-field.pdf", BaseDocuments::withFieldOverAmount), s, sealAlias(),
              PadesLevel.B_B, Certification.FORM_FILLING, signerLook());
          Updates.fillFieldOverAmount(s, out);
        });
    w.changed("shadow-hide-and-replace", "signed with an unused forged content stream; the"
        + " update points the page at it", NO_VISIBLE_CHANGES, Set.of(PAGE_CONTENT_CHANGED,
            VISIBLE_CONTENT_CHANGED), out -> {
          Path s = w.temp("shadow-signed.pdf");
          sign(w.base("base-shadow.pdf", BaseDocuments::withShadowContent), s, DemoSet.CHAIRMAN,
              PadesLevel.B_B, Certification.NONE, signerLook());
          Updates.pointPageAtShadow(s, out);
        });
  }

  private void certificationAttacks(Writer w) throws Exception {
    Path plain = w.base("base-plain4.pdf", BaseDocuments::plain);
    Path p2 = w.temp("certified-p2-evil.pdf");
    sign(plain, p2, sealAlias(), PadesLevel.B_B, Certification.FORM_FILLING, signerLook());
    Path p3 = w.temp("certified-p3-evil.pdf");
    sign(plain, p3, sealAlias(), PadesLevel.B_B, Certification.ANNOTATIONS, signerLook());
    w.changed("evil-annotation-p2", "certified P=2, then a FreeText annotation drawing a forged"
        + " amount over the text", CERTIFICATION_PERMISSIONS,
        Set.of(ANNOTATION_ADDED, VISIBLE_CONTENT_CHANGED), out -> Updates.addEvilAnnotation(p2, out));
    w.changed("evil-annotation-p3", "certified P=3 (annotations allowed), then a FreeText"
        + " annotation drawing over the text", CERTIFICATION_PERMISSIONS,
        Set.of(ANNOTATION_ADDED, VISIBLE_CONTENT_CHANGED), out -> Updates.addEvilAnnotation(p3, out));
    w.changed("sneaky-signature", "certified P=2, then an unsigned signature field whose widget"
        + " draws a forged amount over the text", CERTIFICATION_PERMISSIONS,
        Set.of(SIGNATURE_ADDED, VISIBLE_CONTENT_CHANGED), out -> Updates.addSneakySignature(p2, out));
  }

  private static void wrap(Path signed, Path out) throws IOException {
    RawEdits e = new RawEdits(signed);
    long[] r = e.byteRange();
    byte[] hidden = " /LtHidden (So tien: 9.000.000 dong)".getBytes(StandardCharsets.ISO_8859_1);
    e.byteRange("0 " + r[1] + " " + (r[2] + hidden.length) + " " + r[3]);
    Files.write(out, RawEdits.insert(e.bytes, e.contentsEnd + 1, hidden));
  }

  private record Look(Appearance appearance, Placement placement) {}

  private static Look signerLook() {
    return new Look(new Appearance.Signer(image("sample-signature.png"), "Phạm Văn Mẫu",
        "Chủ tịch"), Placement.onPage(1, 330, 120, 180, 90));
  }

  private String sealAlias() {
    return "seal-" + DemoSet.PROVINCE;
  }

  private void sign(Path in, Path out, String alias, PadesLevel level,
      Certification certification, Look look) throws Exception {
    Credential c = pki.credential(alias);
    SignatureOptions.Builder options = SignatureOptions.builder().level(level)
        .certification(certification);
    if (look.placement() != null) {
      options.appearance(look.appearance(), look.placement());
    }
    signer.sign(in, out, SigningKey.of(c.privateKey(), c.chain()), options.build());
  }

  private void signSeal(Path in, Path out, Certification certification) throws Exception {
    Credential c = pki.credential(sealAlias());
    signer.sign(in, out, SigningKey.of(c.privateKey(), c.chain()), SignatureOptions.builder()
        .level(PadesLevel.B_LT).certification(certification)
        .appearance(new Appearance.Seal(image("sample-seal.png"),
            "Ủy ban nhân dân tỉnh Quảng Ninh"), Placement.overSignerImage()).build());
  }

  private static byte[] image(String name) {
    try (InputStream in = AttackCorpus.class.getResourceAsStream(
        "/vn/lienthong/sample/images/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }

  /** Writes entries, each file built by an action. */
  private static final class Writer {
    interface Build {
      void to(Path out) throws Exception;
    }

    interface Base {
      void to(Path out) throws IOException;
    }

    final Path folder;
    final List<CorpusEntry> entries = new ArrayList<>();

    Writer(Path folder) throws IOException {
      this.folder = folder;
      Files.createDirectories(folder.resolve("work"));
    }

    Path temp(String name) {
      return folder.resolve("work").resolve(name);
    }

    Path base(String name, Base base) throws IOException {
      Path file = temp(name);
      base.to(file);
      return file;
    }

    void pass(String name, String description, Build build) throws Exception {
      add(name, description, TOTAL_PASSED, null, null, null, Set.of(), build);
    }

    void format(String name, String description, vn.lienthong.core.validation.CheckId check,
        Build build) throws Exception {
      add(name, description, TOTAL_FAILED, FORMAT_FAILURE, check, check, Set.of(), build);
    }

    void changed(String name, String description, vn.lienthong.core.validation.CheckId check,
        Set<ChangeInfo.Kind> kinds, Build build) throws Exception {
      add(name, description, TOTAL_FAILED, SIG_CONSTRAINTS_FAILURE, check, null, kinds, build);
    }

    void add(String name, String description, vn.lienthong.core.validation.Indication expected,
        vn.lienthong.core.validation.SubIndication sub,
        vn.lienthong.core.validation.CheckId failing, vn.lienthong.core.validation.CheckId structure,
        Set<ChangeInfo.Kind> kinds, Build build) throws Exception {
      Path file = folder.resolve(name + ".pdf");
      build.to(file);
      entries.add(new CorpusEntry(name, file, expected, sub, failing, description, structure,
          kinds));
    }
  }
}
