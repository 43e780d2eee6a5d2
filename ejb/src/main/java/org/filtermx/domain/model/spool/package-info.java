/** The durable spool: accepted messages waiting for delivery, shared by every node. */
package org.filtermx.domain.model.spool;
