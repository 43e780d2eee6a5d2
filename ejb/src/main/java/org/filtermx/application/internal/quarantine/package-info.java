/**
 * Held mail: the quarantine service and its per-message actions (release, delete, list the sender,
 * train), signed release links and their keys, and the Bcc fields removed from a copy on release.
 */
package org.filtermx.application.internal.quarantine;
