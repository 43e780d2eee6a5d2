/**
 * Recipient verification: what destinations said about addresses of hosted domains (callouts, ADR
 * 0031), shared by every node.
 */
package org.filtermx.domain.model.verification;
