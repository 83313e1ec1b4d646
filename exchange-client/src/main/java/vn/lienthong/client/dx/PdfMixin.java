package vn.lienthong.client.dx;

import picocli.CommandLine.ArgGroup;

/** Holds {@link PdfOptions} as a group, so that sign and seal share them. */
final class PdfMixin {
  @ArgGroup(exclusive = false, multiplicity = "1", headingKey = "pdf")
  PdfOptions options;
}
