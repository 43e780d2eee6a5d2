/**
 * The domains pages: the list with add and remove ({@code domains.xhtml}) and one domain's settings
 * ({@code domain.xhtml}).
 */
package org.filtermx.web.console.domains;
