/** The schema migrations on the suite's MariaDB, in databases of their own, without the server. */
package org.filtermx.it.schema;
