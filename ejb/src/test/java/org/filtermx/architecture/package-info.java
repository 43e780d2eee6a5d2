/**
 * Tests of the module's structure: which layer may name which (domain, application,
 * infrastructure).
 */
package org.filtermx.architecture;
