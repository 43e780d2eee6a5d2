/** {@code index.xhtml}: the dashboard's charts of daily mail and the top held senders. */
package org.filtermx.web.console.dashboard;
