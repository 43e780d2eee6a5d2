/**
 * The links in the mail FilterMX sends (release links, login links): a page that shows what a link
 * names and acts only on the confirming POST, with no login.
 */
package org.filtermx.web.release;
