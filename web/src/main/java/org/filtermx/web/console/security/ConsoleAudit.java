package org.filtermx.web.console.security;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import org.filtermx.application.AuditLine;
import org.filtermx.web.http.ClientAddress;

/**
 * Writes one {@code org.filtermx.audit} line for each form the console receives (a POST) once it is
 * answered: the caller, the client address, the page, the component that submitted it ({@code
 * jakarta.faces.source}, e.g. {@code domainForm:save}) and the status. Never a field's value: the
 * login and password forms post secrets.
 */
@WebFilter(urlPatterns = {"/console/*", "*.xhtml"})
public class ConsoleAudit extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject private ClientAddress clientAddress;

    @Override
    protected void doFilter(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!"POST".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        // Read before the page runs: logging out ends the session and its principal.
        Principal before = request.getUserPrincipal();
        try {
            chain.doFilter(request, response);
        } finally {
            Principal after = request.getUserPrincipal();
            Principal caller = after != null ? after : before;
            new AuditLine(
                            "console",
                            "POST",
                            request.getRequestURI(),
                            request.getParameter("jakarta.faces.source"),
                            caller == null ? null : caller.getName(),
                            clientAddress.of(request),
                            response.getStatus())
                    .log();
        }
    }
}
