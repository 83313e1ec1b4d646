package vn.lienthong.core.edxml;

/**
 * The kind of document ({@code DocumentType}): a numeric type and detail code and the name clerks
 * read, e.g. 1 / 0 / "Công văn".
 */
public record DocumentType(int type, int typeDetail, String typeName) {
  public DocumentType {
    typeName = Texts.orEmpty(typeName);
  }
}
