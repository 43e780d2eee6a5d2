/** The brand shown to a user: the console's brand bean, and the servlet that serves the logos. */
package org.filtermx.web.brand;
