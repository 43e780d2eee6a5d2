/** {@code tokens.xhtml}: API tokens for hosting-panel automation. */
package org.filtermx.web.console.tokens;
