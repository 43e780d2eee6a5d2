/**
 * Tests of DKIM canonicalization and verification, with keys served from a loopback name server.
 */
package org.filtermx.infrastructure.filter.auth.dkim;
