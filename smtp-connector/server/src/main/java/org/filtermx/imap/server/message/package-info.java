/**
 * One stored message parsed for IMAP FETCH and SEARCH ({@link
 * org.filtermx.imap.server.message.ParsedMessage}): header fields, the MIME tree, ENVELOPE and
 * BODYSTRUCTURE rendering, section extraction and SEARCH text, all by linear scans over offsets
 * into the raw bytes, with no regular expressions and bounded work (20 nesting levels, 1000 parts).
 */
package org.filtermx.imap.server.message;
