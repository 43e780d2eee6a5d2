/** {@code branding.xhtml}: a reseller's brand as its customers see it. */
package org.filtermx.web.console.branding;
