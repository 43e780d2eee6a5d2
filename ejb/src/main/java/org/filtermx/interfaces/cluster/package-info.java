/** What the node learns from WildFly's cluster view, handed to the application services. */
package org.filtermx.interfaces.cluster;
