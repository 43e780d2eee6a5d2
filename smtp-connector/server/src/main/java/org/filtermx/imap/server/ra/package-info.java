/** The IMAP side of the resource adapter: activation spec and endpoint invocation. */
package org.filtermx.imap.server.ra;
