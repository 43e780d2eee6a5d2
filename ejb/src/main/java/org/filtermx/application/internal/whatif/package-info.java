/**
 * The what-if policy tester: re-judging logged verdicts under proposed thresholds and list entries
 * from their stored scores and reasons.
 */
package org.filtermx.application.internal.whatif;
