/**
 * Tenants and their logins: accounts, resellers, hosted domains (with the checks on their
 * destination routes and on proof of control, and the directory the mail path reads), email users
 * and their CSV imports, API tokens, login throttling, and the first administrator seeded at start.
 * {@code Tenancy}, the rule of which caller sees which domains, is here because it is read from the
 * account tree; the other capabilities' services call it.
 */
package org.filtermx.application.internal.accounts;
