/**
 * DomainKeys Identified Mail verification (RFC 6376, with Ed25519 keys from RFC 8463): the
 * signatures a message carries, checked against the keys their domains publish in DNS.
 */
package org.filtermx.infrastructure.filter.auth.dkim;
