/**
 * The PrimeFaces web console under {@code /console/}: page beans shared by every page and the
 * per-page packages.
 */
package org.filtermx.web.console;
