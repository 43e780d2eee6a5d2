/**
 * Webhooks about outgoing locks: registration within the caller's tenancy, the outbox written with
 * each lock and unlock, and its delivery with signatures and retries.
 */
package org.filtermx.application.internal.breaker;
