/** The DKIM signing keys of hosted domains and the DNS records that publish them. */
package org.filtermx.domain.model.dkim;
