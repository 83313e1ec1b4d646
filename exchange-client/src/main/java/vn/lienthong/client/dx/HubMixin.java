package vn.lienthong.client.dx;

import picocli.CommandLine.ArgGroup;

/** Holds {@link HubOptions} as a group for every hub command. */
final class HubMixin {
  @ArgGroup(exclusive = false, multiplicity = "1", heading = "The hub:%n")
  HubOptions options;
}
