/**
 * edXML (QCVN 102:2016) envelopes: the message model ({@link vn.lienthong.core.edxml.EdxmlMessage}),
 * a liberal, hardened, streaming {@link vn.lienthong.core.edxml.EdxmlReader}, a strict canonical
 * {@link vn.lienthong.core.edxml.EdxmlWriter}, intake {@link vn.lienthong.core.edxml.EdxmlRules},
 * the XSD ({@link vn.lienthong.core.edxml.EdxmlSchema}) and the envelope's XML-DSig
 * ({@link vn.lienthong.core.edxml.EnvelopeSigner}, {@link vn.lienthong.core.edxml.EnvelopeVerifier}).
 * See the module README for how the signature relates to attachments.
 */
package vn.lienthong.core.edxml;
