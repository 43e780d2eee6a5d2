/** Tests of DMARC policy discovery, alignment and disposition. */
package org.filtermx.infrastructure.filter.auth.dmarc;
