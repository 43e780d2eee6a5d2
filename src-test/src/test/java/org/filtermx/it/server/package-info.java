/**
 * The server under test as Arquillian runs it: started once for the suite, the built EAR deployed
 * into it once, and crashed by a real SIGKILL when a test asks for a power cut.
 */
package org.filtermx.it.server;
