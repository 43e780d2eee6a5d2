/** Webhook requests over HTTPS with the JDK's HTTP client, capped in time and size. */
package org.filtermx.infrastructure.webhooks;
