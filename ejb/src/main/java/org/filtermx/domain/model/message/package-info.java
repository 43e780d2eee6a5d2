/** The message log: one record per message and domain, with its status history. */
package org.filtermx.domain.model.message;
