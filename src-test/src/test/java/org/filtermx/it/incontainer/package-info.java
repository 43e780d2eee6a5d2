/**
 * Tests that run inside the server under test, against its MariaDB datasource: the unit tests see
 * only H2, and these check the SQL, the migrations and the timers where production runs them.
 */
package org.filtermx.it.incontainer;
