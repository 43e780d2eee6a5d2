/**
 * The release links of the quarantine reports: a page that shows what a link names and releases it
 * only on the confirming POST, with no login.
 */
package org.filtermx.web.release;
