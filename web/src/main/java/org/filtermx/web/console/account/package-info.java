/** {@code password.xhtml}: the logged-in account changes its own password. */
package org.filtermx.web.console.account;
