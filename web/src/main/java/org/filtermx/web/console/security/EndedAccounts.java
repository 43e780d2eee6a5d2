package org.filtermx.web.console.security;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * Ends a console session whose account was deleted, replaced by a new account of the same name, or
 * given a new password elsewhere ({@link SessionAccounts}): the login and the session are dropped
 * and the browser is sent to the login page (an Ajax request gets the Faces redirect).
 */
@WebFilter(urlPatterns = "/console/*")
public class EndedAccounts extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject private SessionAccounts accounts;

    @Override
    protected void doFilter(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpSession session = request.getSession(false);
        if (session == null
                || request.getUserPrincipal() == null
                || accounts.stillValid(request, session)) {
            chain.doFilter(request, response);
            return;
        }
        request.logout();
        try {
            session.invalidate();
        } catch (IllegalStateException alreadyInvalid) {
            // Another request of the same session ended it first.
        }
        String login = request.getContextPath() + "/login.xhtml";
        if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
            response.setContentType("text/xml;charset=UTF-8");
            response.getWriter()
                    .write(
                            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                                    + login
                                    + "\"/></partial-response>");
            return;
        }
        response.sendRedirect(login);
    }
}
