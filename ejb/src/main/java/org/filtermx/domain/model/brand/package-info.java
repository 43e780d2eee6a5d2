/**
 * A reseller's brand (product name, logo, colours, support address, login host name) and the rules
 * its values must follow before they reach a page, a mail or a PDF.
 */
package org.filtermx.domain.model.brand;
