/** {@code lists.xhtml}: allow and block list entries of the cluster, a domain or an email user. */
package org.filtermx.web.console.lists;
