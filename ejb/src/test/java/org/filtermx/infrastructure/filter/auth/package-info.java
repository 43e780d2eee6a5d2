/** Tests of the DNS lookups and the one-pass sender authentication scanner. */
package org.filtermx.infrastructure.filter.auth;
