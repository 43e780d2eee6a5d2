/** Held messages: quarantined by score or refused with a copy kept for release. */
package org.filtermx.domain.model.quarantine;
