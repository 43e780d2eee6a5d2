/**
 * The built-in content scanners that run in the JVM on the parsed message: the GTUBE test pattern,
 * header sanity, and attachment and archive inspection, each with its own settings.
 */
package org.filtermx.infrastructure.filter.content;
