package vn.lienthong.core.edxml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The thirteen official samples, copied into test resources. */
final class Samples {

  static final List<String> ALL = List.of(
      "edoc_new.edxml", "edoc_replacement.edxml", "edoc_revocation.edxml", "edoc_update.edxml",
      "status_inbox_01.edxml", "status_rejection_02.edxml", "status_acceptance_03.edxml",
      "status_assignment_04.edxml", "status_processing_05.edxml", "status_finish_06.edxml",
      "status_cancellation_13.edxml", "status_change-acceptance_15.edxml",
      "status_change-rejection_16.edxml");

  private Samples() {}

  static InputStream open(String name) {
    InputStream in = Samples.class.getResourceAsStream("/edxml/samples/" + name);
    if (in == null) {
      throw new IllegalStateException("missing sample " + name);
    }
    return in;
  }

  static byte[] bytes(String name) {
    try (InputStream in = open(name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
