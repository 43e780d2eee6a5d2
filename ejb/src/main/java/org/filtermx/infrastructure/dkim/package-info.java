/**
 * DKIM signing of outgoing mail (RFC 6376 with rsa-sha256, RFC 8463 ed25519-sha256): relaxed
 * canonicalization, the signature header, and the key pairs hosted domains publish.
 */
package org.filtermx.infrastructure.dkim;
