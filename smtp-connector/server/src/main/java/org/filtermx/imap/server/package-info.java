/**
 * The IMAP4rev1 server (RFC 3501) of the quarantine: the listener, its settings, run inside the
 * SMTP resource adapter or standalone in tests.
 */
package org.filtermx.imap.server;
