/** Small value helpers shared by the aggregates of the domain model. */
package org.filtermx.domain.model.shared;
