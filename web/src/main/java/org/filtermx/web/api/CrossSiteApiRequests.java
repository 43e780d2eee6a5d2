package org.filtermx.web.api;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.HashSet;
import java.util.Set;
import org.filtermx.application.port.InstallationSettings;

/**
 * Refuses a state-changing API call (POST, PUT, PATCH, DELETE) that a browser sent from a page of
 * another site, and one whose body has a type an HTML form can send ({@code text/plain}, {@code
 * application/x-www-form-urlencoded}, {@code multipart/form-data}). Browsers cache HTTP Basic
 * credentials, so without this a page anywhere could act as a logged-in operator; every endpoint
 * takes its real type (JSON, {@code message/rfc822}, {@code text/csv}), which a page can only send
 * after a CORS preflight this API never grants. Runs before matching and before {@link
 * BasicAuthentication}, so a refused request is not even a login attempt. The console has the same
 * rule for its forms ({@code web.console.security.CrossSiteRequests}).
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class CrossSiteApiRequests implements ContainerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject private InstallationSettings settings;

    @Override
    public void filter(ContainerRequestContext request) {
        if (SAFE_METHODS.contains(request.getMethod())) {
            return;
        }
        Set<String> own = new HashSet<>();
        String self = SameOriginRule.normalize(request.getUriInfo().getRequestUri().toString());
        if (self != null) {
            own.add(self);
        }
        String configured = SameOriginRule.normalize(settings.publicUrl());
        if (configured != null) {
            own.add(configured);
        }
        String refusal =
                SameOriginRule.refusal(
                        request.getHeaderString("Sec-Fetch-Site"),
                        request.getHeaderString("Origin"),
                        own);
        if (refusal != null) {
            request.abortWith(
                    ApiError.response(
                            Response.Status.FORBIDDEN, "cross-site request refused: " + refusal));
            return;
        }
        String type = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (SameOriginRule.formType(type)) {
            request.abortWith(
                    ApiError.response(
                            Response.Status.UNSUPPORTED_MEDIA_TYPE,
                            "this API takes no form or text/plain bodies: send JSON as application/json, a message to"
                                    + " train as message/rfc822, a user import as text/csv"));
        }
    }
}
