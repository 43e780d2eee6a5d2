/** Tests of SPF evaluation against a loopback name server. */
package org.filtermx.infrastructure.filter.auth.spf;
