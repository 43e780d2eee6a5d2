/**
 * Reading a bulk training upload (an mbox or a multipart/mixed body) one message at a time from the
 * request stream, with caps, never holding more than one message in memory.
 */
package org.filtermx.web.api.upload;
