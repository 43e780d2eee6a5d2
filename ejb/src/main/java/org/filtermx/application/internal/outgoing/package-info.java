/** Outgoing users: their accounts, authentication, limits and locks on the submission ports. */
package org.filtermx.application.internal.outgoing;
