/** The message-driven bean the IMAP listener of the resource adapter calls. */
package org.filtermx.interfaces.imap;
