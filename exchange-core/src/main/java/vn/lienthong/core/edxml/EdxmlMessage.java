package vn.lienthong.core.edxml;

/** The meaning of an edXML envelope: a document, or a status report about one. */
public sealed interface EdxmlMessage permits DocumentMessage, StatusMessage {

  /** The sending organization ({@code From}). */
  Organization from();
}
