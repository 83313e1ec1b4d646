package vn.lienthong.core.edxml;

/** A document's number and notation ({@code CodeNumber}, {@code CodeNotation}), e.g. 7816 / VPCP-TTĐT. */
public record Code(String number, String notation) {
  public Code {
    number = Texts.orEmpty(number);
    notation = Texts.orEmpty(notation);
  }
}
