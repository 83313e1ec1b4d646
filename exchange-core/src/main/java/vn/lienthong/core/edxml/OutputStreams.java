package vn.lienthong.core.edxml;

import java.io.OutputStream;

final class OutputStreams {
  private OutputStreams() {}

  static final OutputStream NULL = OutputStream.nullOutputStream();
}
