/** {@code resellers.xhtml}: resellers (administrators) and sub-resellers (resellers). */
package org.filtermx.web.console.resellers;
