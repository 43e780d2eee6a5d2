package org.filtermx.web.console.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.CustomFormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;

/**
 * Declares the console's form login: an unauthenticated request for a {@code /console/} page is
 * redirected to {@code /login.xhtml}, whose {@link LoginForm} hands the credentials to {@link
 * AccountIdentityStore}; the login is kept in the HTTP session. The API and release links are not
 * under a security constraint, so this mechanism does nothing for them (docs/adr/0011).
 */
@CustomFormAuthenticationMechanismDefinition(
        loginToContinue =
                @LoginToContinue(
                        loginPage = "/login.xhtml",
                        useForwardToLogin = false,
                        errorPage = ""))
@ApplicationScoped
public class ConsoleAuthentication {}
