/** {@code log.xhtml}: message log search with filters and one message's history. */
package org.filtermx.web.console.log;
