/**
 * Hardened XML parsing for the whole project: {@link vn.lienthong.core.xml.SecureXml} makes every
 * parser, transformer and schema factory (no DOCTYPE, no external entity, no XInclude, nothing
 * fetched) and guarded stream readers that enforce {@link vn.lienthong.core.xml.XmlLimits}.
 */
package vn.lienthong.core.xml;
