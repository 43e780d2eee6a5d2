/**
 * What relaying a message to its destination achieved for each recipient: delivered, retry later,
 * or failed for good. The delivery transport reports in these terms, and the spool and the DSNs are
 * decided on them, whatever protocol carried the message.
 */
package org.filtermx.domain.model.delivery;
