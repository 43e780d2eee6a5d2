/** The console's what-if policy tester page ({@code whatif.xhtml}). */
package org.filtermx.web.console.whatif;
