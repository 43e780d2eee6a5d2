/**
 * Implementations of the application services and their collaborators, one subpackage per
 * capability: {@code intake} (received mail to a stored verdict and one reply), {@code filtering}
 * (scanning, policies, lists, training), {@code delivery} (spool to destination, retries, DSNs),
 * {@code quarantine} (held mail and its release), {@code accounts} (tenants, domains, logins) and
 * {@code operations} (health, housekeeping, dashboard, the message log, and small shared parts). A
 * type is public only where another capability uses it; the rest stays package-private.
 */
package org.filtermx.application.internal;
