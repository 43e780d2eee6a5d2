/** The console's authentication posture page: DMARC sources, hosted MTA-STS, score, next step. */
package org.filtermx.web.console.posture;
