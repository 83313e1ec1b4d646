package vn.lienthong.core.edxml;

import java.util.List;
import java.util.Objects;

/**
 * A document message: header, trace, business block and manifest. An absent {@code Bussiness}
 * block reads as a {@link Business.NewDocument} with nothing in it.
 */
public record DocumentMessage(DocumentHeader header, List<TraceHeader> traces, Business business,
    List<ManifestEntry> manifest) implements EdxmlMessage {

  public DocumentMessage {
    Objects.requireNonNull(header, "header");
    traces = Texts.list(traces);
    Objects.requireNonNull(business, "business");
    manifest = Texts.list(manifest);
  }

  @Override
  public Organization from() {
    return header.from();
  }
}
