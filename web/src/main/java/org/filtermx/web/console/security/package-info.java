/**
 * The console's Jakarta Security login, CSRF refusal, session cookie flags and security headers.
 */
package org.filtermx.web.console.security;
