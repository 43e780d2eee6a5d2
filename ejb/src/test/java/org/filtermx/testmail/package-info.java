/**
 * Generated test mail: ham and spam with realistic variety, written for these tests, so tests that
 * need a corpus carry their own (shared with the integration tests as the ejb test jar).
 */
package org.filtermx.testmail;
