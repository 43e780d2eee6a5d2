/** IMAP commands: parsing, the selected folder's snapshot, and each command's execution. */
package org.filtermx.imap.server.protocol;
