/** Hosted domains: their aliases, destination routes and local recipients. */
package org.filtermx.domain.model.domain;
