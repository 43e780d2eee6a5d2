/**
 * CDI producers that hand the application its ports ({@code org.filtermx.application.port}) built
 * from the infrastructure: the SMTP transport, the DSN writer, the DNS lookups, the MIME word
 * decoder, the proxy trust and the health probes. The only place where the two meet, so the
 * application itself imports no infrastructure type.
 */
package org.filtermx.infrastructure.cdi;
