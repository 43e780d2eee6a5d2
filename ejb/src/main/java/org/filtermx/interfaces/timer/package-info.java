/** Timers and start-up beans that hand periodic work to the application services. */
package org.filtermx.interfaces.timer;
