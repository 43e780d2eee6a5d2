/** End-to-end tests against the provisioned, running gateway over real sockets. */
package org.filtermx.it;
