/** People and programs that log in: administrators now; resellers, domains and users later. */
package org.filtermx.domain.model.account;
