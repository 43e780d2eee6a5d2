/** The REST API under /api/v1: JSON resources, authentication and error mapping. */
package org.filtermx.web.api;
