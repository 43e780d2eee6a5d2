/** {@code defaults.xhtml}: the cluster-wide filter defaults, for administrators. */
package org.filtermx.web.console.defaults;
