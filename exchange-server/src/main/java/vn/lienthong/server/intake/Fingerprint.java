package vn.lienthong.server.intake;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.core.edxml.DocumentMessage;
import vn.lienthong.core.edxml.EdxmlMessage;
import vn.lienthong.core.edxml.StatusMessage;
import vn.lienthong.core.organ.OrganId;

/**
 * What "the same content" means for idempotency, and the key a message is kept under.
 *
 * <p>A document is identified by its sender, its BussinessDocType and its DocumentId (a
 * revocation carries the DocumentId of the document it revokes, so the type is part of the key).
 * Its content is the meaning of the header, the business block, the routing addresses and each
 * attachment's name, type and SHA-256, not the envelope's bytes: the same document signed again
 * (a new signature value, new trace timestamps) is the same content. A status is identified by
 * its content alone.
 *
 * <p>The content is digested in a canonical form: each value tagged with its kind, each text
 * with its length, each record with its name and its components' names. Two different contents
 * never share it (text moved from a subject into the content changes it), and it changes only
 * when core's edXML records do, which {@code FingerprintTest} pins. Hubs before 2026-11-27 stored
 * the digest of the records' {@code toString()}, which let {@code ", content="} inside a subject
 * pass for a field boundary and followed every change of the records: a stored digest of that
 * form still matches ({@link #matches}), and a status is also looked for under its old key
 * ({@link #legacyIdempotencyKey}).
 */
public final class Fingerprint {

  private static final String DOCUMENT_FORM = "lienthong/idempotency/document/2";
  private static final String STATUS_FORM = "lienthong/idempotency/status/2";
  /** Each record class's form, looked up once: reflecting on every message took four fifths of the time. */
  private static final ClassValue<RecordForm> RECORD_FORMS = new ClassValue<>() {
    @Override
    protected RecordForm computeValue(Class<?> type) {
      return RecordForm.of(type);
    }
  };

  private final EdxmlMessage message;
  private final List<Attachment> attachments;
  private final List<String> addresses;
  private final String value;

  private Fingerprint(EdxmlMessage message, List<Attachment> attachments, List<String> addresses) {
    this.message = Objects.requireNonNull(message, "message");
    this.attachments = List.copyOf(attachments);
    this.addresses = addresses.stream().map(String::strip).sorted().toList();
    this.value = canonical();
  }

  /**
   * @param attachments the envelope's attachments (their digests, names and types count)
   * @param addresses the routing addresses as written (order and surrounding blanks do not count)
   */
  public static Fingerprint of(EdxmlMessage message, List<Attachment> attachments, List<String> addresses) {
    return new Fingerprint(message, attachments, addresses);
  }

  /** The digest stored with the message (hex SHA-256 of the canonical form). */
  public String value() {
    return value;
  }

  /** With the sender, what identifies the message: the type and DocumentId of a document, a status's content. */
  public String idempotencyKey() {
    return key(value);
  }

  /** The key a hub before 2026-11-27 stored a status under (a document's key did not change). */
  public Optional<String> legacyIdempotencyKey() {
    return message instanceof StatusMessage ? Optional.of(key(legacyValue())) : Optional.empty();
  }

  /** Whether {@code stored}, the fingerprint of a message accepted earlier, is this content's. */
  public boolean matches(String stored) {
    return value.equals(stored) || legacyValue().equals(stored);
  }

  private String key(String fingerprint) {
    if (message instanceof DocumentMessage d) {
      return "D" + d.business().typeCode() + ":" + d.header().documentId();
    }
    return "S:" + fingerprint;
  }

  private String canonical() {
    if (message instanceof DocumentMessage d) {
      CanonicalDigest digest = new CanonicalDigest(DOCUMENT_FORM).value(d.header()).value(d.business())
          .value(addresses).count(attachments.size());
      for (Attachment a : attachments) {
        digest.value(a.contentId()).value(a.attachmentName()).value(a.contentType()).value(a.sha256());
      }
      return digest.hex();
    }
    StatusMessage s = (StatusMessage) message;
    return new CanonicalDigest(STATUS_FORM).value(s.from().organId()).value(s.responseFor()).value(s.statusCode())
        .value(s.description()).value(s.timestamp()).value(s.staff()).hex();
  }

  /**
   * The form hubs stored before 2026-11-27: the records' {@code toString()}, so it moves with any
   * change of them, which the pins of {@code FingerprintTest} catch before the old rows stop matching.
   */
  String legacyValue() {
    StringBuilder b = new StringBuilder();
    if (message instanceof DocumentMessage d) {
      b.append(d.header()).append('\n').append(d.business()).append('\n');
      b.append(String.join(" ", addresses)).append('\n');
      for (Attachment a : attachments) {
        b.append(a.contentId()).append('|').append(a.attachmentName()).append('|').append(a.contentType())
            .append('|').append(a.sha256()).append('\n');
      }
    } else {
      StatusMessage s = (StatusMessage) message;
      b.append(s.from().organId()).append('|').append(s.responseFor()).append('|').append(s.statusCode())
          .append('|').append(s.description()).append('|').append(s.timestamp()).append('|').append(s.staff());
    }
    return HexFormat.of().formatHex(sha256().digest(b.toString().getBytes(StandardCharsets.UTF_8)));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
    }
  }

  /**
   * Feeds values to SHA-256 in a form no two different values share: a tag for the kind, the
   * length before each text, the count before each list, a record's name and components by name.
   */
  private static final class CanonicalDigest {

    private final MessageDigest digest = sha256();

    CanonicalDigest(String form) {
      text(form);
    }

    CanonicalDigest value(Object v) {
      if (v == null) {
        tag('0');
      } else if (v instanceof String s) {
        tag('s').text(s);
      } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long) {
        tag(v instanceof Boolean ? 'b' : 'n').text(v.toString());
      } else if (v instanceof Enum<?> e) {
        tag('e').text(e.getDeclaringClass().getSimpleName()).text(e.name());
      } else if (v instanceof OrganId o) {
        tag('o').text(o.value());
      } else if (v instanceof LocalDate || v instanceof Instant) {
        tag('t').text(v.toString());
      } else if (v instanceof List<?> list) {
        tag('l').count(list.size());
        list.forEach(this::value);
      } else if (v instanceof Record r) {
        record(r);
      } else {
        throw new IllegalArgumentException("no canonical form for a " + v.getClass().getName());
      }
      return this;
    }

    CanonicalDigest count(int n) {
      digest.update((byte) (n >>> 24));
      digest.update((byte) (n >>> 16));
      digest.update((byte) (n >>> 8));
      digest.update((byte) n);
      return this;
    }

    String hex() {
      return HexFormat.of().formatHex(digest.digest());
    }

    private void record(Record r) {
      RecordForm form = RECORD_FORMS.get(r.getClass());
      tag('r').bytes(form.name()).count(form.components().size());
      for (RecordForm.Component c : form.components()) {
        bytes(c.name());
        try {
          value(c.accessor().invoke(r));
        } catch (Throwable e) {
          throw new IllegalStateException("cannot read " + r.getClass().getName() + "." + c.accessor(), e);
        }
      }
    }

    private CanonicalDigest tag(char kind) {
      digest.update((byte) kind);
      return this;
    }

    private CanonicalDigest text(String s) {
      return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private CanonicalDigest bytes(byte[] b) {
      count(b.length);
      digest.update(b);
      return this;
    }
  }

  /** A record class's name and components (in declaration order), as the canonical form writes them. */
  private record RecordForm(byte[] name, List<Component> components) {
    record Component(byte[] name, MethodHandle accessor) {}

    static RecordForm of(Class<?> type) {
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      List<Component> components = new ArrayList<>();
      for (RecordComponent c : type.getRecordComponents()) {
        try {
          components.add(new Component(c.getName().getBytes(StandardCharsets.UTF_8),
              lookup.unreflect(c.getAccessor()).asType(MethodType.methodType(Object.class, Object.class))));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException("cannot read " + type.getName() + "." + c.getName(), e);
        }
      }
      return new RecordForm(type.getSimpleName().getBytes(StandardCharsets.UTF_8), List.copyOf(components));
    }
  }
}
