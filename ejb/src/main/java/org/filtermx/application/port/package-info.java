/**
 * What the application needs from the world outside it, declared in its own terms: the delivery
 * transport, the DSN writer, the MX and TXT lookups, the scanner set, health probes and the
 * installation's settings. The application depends on these interfaces only; {@code
 * org.filtermx.infrastructure} implements them and CDI producers there wire them in, so delivery,
 * intake and bounces can be tested with in-memory fakes, without sockets or a database.
 */
package org.filtermx.application.port;
