/**
 * What the web module knows about an HTTP request beyond its servlet API: who the client really is.
 */
package org.filtermx.web.http;
