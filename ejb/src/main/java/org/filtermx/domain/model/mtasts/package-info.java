/**
 * MTA-STS (RFC 8461): the policies recipient domains publish for mail sent to them, and the cache
 * of those policies that every node shares.
 */
package org.filtermx.domain.model.mtasts;
