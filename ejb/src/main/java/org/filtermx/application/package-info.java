/** The application services the protocol endpoints, timers and the web layer call. */
package org.filtermx.application;
