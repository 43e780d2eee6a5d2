package org.filtermx.web.console.security;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebListener;

/**
 * The console's session cookie: HttpOnly, SameSite=Strict, and Secure when {@code
 * FILTERMX_SECURE_COOKIES=true} (set it when the console is reached over HTTPS, directly or
 * through a TLS-terminating proxy). Path {@code /}: the console, login and logout share it.
 */
@WebListener
public class SessionCookies implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        SessionCookieConfig cookie = event.getServletContext().getSessionCookieConfig();
        cookie.setHttpOnly(true);
        cookie.setAttribute("SameSite", "Strict");
        cookie.setSecure(Boolean.parseBoolean(System.getenv().getOrDefault("FILTERMX_SECURE_COOKIES", "false")));
    }
}
