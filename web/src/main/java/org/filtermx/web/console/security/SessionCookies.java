package org.filtermx.web.console.security;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebListener;

/**
 * The console's session cookie: HttpOnly, SameSite=Strict, and Secure when users reach the console
 * over HTTPS, that is when {@code FILTERMX_PUBLIC_URL} starts with {@code https:} (as behind a
 * TLS-terminating proxy). Path {@code /}: the login page and the console share it.
 */
@WebListener
public class SessionCookies implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        SessionCookieConfig cookie = event.getServletContext().getSessionCookieConfig();
        cookie.setHttpOnly(true);
        cookie.setAttribute("SameSite", "Strict");
        String publicUrl = System.getenv().getOrDefault("FILTERMX_PUBLIC_URL", "");
        cookie.setSecure(publicUrl.regionMatches(true, 0, "https:", 0, 6));
    }
}
