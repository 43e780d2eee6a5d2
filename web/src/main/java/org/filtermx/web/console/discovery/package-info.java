/**
 * The recipient discovery page ({@code discovery.xhtml}): review learned addresses and apply them.
 */
package org.filtermx.web.console.discovery;
