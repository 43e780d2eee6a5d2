/** Tests of DNS block and allow list lookups against a loopback name server. */
package org.filtermx.infrastructure.filter.auth.dnsbl;
