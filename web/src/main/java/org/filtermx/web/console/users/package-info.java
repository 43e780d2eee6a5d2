/** {@code users.xhtml}: a domain's email users; add one, remove one, or import many from CSV. */
package org.filtermx.web.console.users;
