/** Installation settings read from the environment, with the defaults of CONTRACT.md. */
package org.filtermx.infrastructure.config;
