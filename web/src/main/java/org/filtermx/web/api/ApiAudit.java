package org.filtermx.web.api;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;
import org.filtermx.application.AuditLine;
import org.filtermx.application.Caller;
import org.filtermx.web.http.ClientAddress;

/**
 * Writes one {@code org.filtermx.audit} line for each state-changing API call (every method but
 * GET, HEAD and OPTIONS) once it is answered: who, from where, what and with which result, refused
 * calls (401, 403, 429) included. Never the body, the query string or a header: those may carry
 * passwords and tokens.
 */
@Provider
public class ApiAudit implements ContainerResponseFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Context private HttpServletRequest http;
    @Inject private CurrentCaller current;
    @Inject private ClientAddress clientAddress;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (SAFE_METHODS.contains(request.getMethod())) {
            return;
        }
        Caller caller = current.get();
        new AuditLine(
                        "api",
                        request.getMethod(),
                        request.getUriInfo().getRequestUri().getRawPath(),
                        null,
                        caller == null ? null : caller.username(),
                        clientAddress.of(http),
                        response.getStatus())
                .log();
    }
}
