/** JPA repositories and the versioned schema migrations. */
package org.filtermx.infrastructure.persistence;
