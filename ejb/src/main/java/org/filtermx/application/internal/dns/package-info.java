/** The DNS status of hosted domains: what their records say against the cluster's settings. */
package org.filtermx.application.internal.dns;
