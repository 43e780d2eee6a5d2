/** The console's outgoing users page: who may send through the submission ports, limits, locks. */
package org.filtermx.web.console.outgoing;
