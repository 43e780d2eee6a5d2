/**
 * Content filtering: the scanner contract, the parsed message every scanner reads, and the verdict
 * with the named, scored reasons that explain it.
 */
package org.filtermx.domain.model.filter;
