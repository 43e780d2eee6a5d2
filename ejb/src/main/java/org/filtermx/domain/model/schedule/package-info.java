/** The rows of WildFly's database timer store that the application itself has to look after. */
package org.filtermx.domain.model.schedule;
