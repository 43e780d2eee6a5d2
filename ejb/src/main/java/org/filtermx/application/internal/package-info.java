/** Stateless implementations of the application services and their collaborators. */
package org.filtermx.application.internal;
