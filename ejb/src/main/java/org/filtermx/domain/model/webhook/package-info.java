/** Webhooks: where events about outgoing locks go, how they are signed and when retried. */
package org.filtermx.domain.model.webhook;
