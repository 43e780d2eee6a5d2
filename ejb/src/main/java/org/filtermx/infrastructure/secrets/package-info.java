/**
 * Secrets at rest: the key file outside the database and the AES-GCM sealing of the secrets kept in
 * it (second-factor secrets, release-link keys).
 */
package org.filtermx.infrastructure.secrets;
