/**
 * Authentication posture per hosted domain: DMARC aggregate reports received at the cluster's rua
 * address, the MTA-STS policy hosted for the domain, and the posture score with its next step.
 */
package org.filtermx.application.internal.posture;
