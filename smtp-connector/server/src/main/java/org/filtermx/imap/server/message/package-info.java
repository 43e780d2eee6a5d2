/**
 * One stored message parsed for IMAP FETCH and SEARCH: header fields, the MIME tree, ENVELOPE and
 * BODYSTRUCTURE rendering and section extraction, all by linear scans with bounded work.
 */
package org.filtermx.imap.server.message;
