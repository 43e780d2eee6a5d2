/**
 * Relaying spooled mail: the queue and its executor, one delivery attempt over the delivery
 * transport, routes (hosted destinations, MX hosts), the spool ledger's transactions, retry times,
 * and the DSNs for recipients that failed for good, with the rule deciding who may get one ({@code
 * BounceEligibility}, also read when mail is stored or released).
 */
package org.filtermx.application.internal.delivery;
