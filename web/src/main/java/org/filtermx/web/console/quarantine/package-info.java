/** {@code quarantine.xhtml}: held messages, a text-only preview, and the quarantine actions. */
package org.filtermx.web.console.quarantine;
