package org.filtermx.web.api;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.filtermx.application.AccountService;
import org.filtermx.application.Caller;
import org.filtermx.application.TokenService;
import org.filtermx.application.TooManyAttempts;
import org.filtermx.web.http.ClientAddress;

/**
 * Authentication for every API call not marked {@link Public}: HTTP Basic (RFC 7617) with the
 * account's password, throttled per user name and client address (429 with {@code Retry-After}), or
 * a bearer token (RFC 6750) made with {@code POST /tokens}. An account with two-step login takes
 * tokens only: its password alone is refused like a wrong one, so the answer never confirms a
 * guessed password. Unknown users, wrong passwords and unknown tokens get the same 401, whose
 * message says that accounts with two-step login use a token.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class BasicAuthentication implements ContainerRequestFilter {

    @Context private ResourceInfo resource;
    @Context private HttpServletRequest http;
    @Inject private AccountService accounts;
    @Inject private TokenService tokens;
    @Inject private CurrentCaller current;
    @Inject private ClientAddress clientAddress;

    static final String REFUSED =
            "valid credentials are required; an account with two-step login takes an API token"
                    + " only (Authorization: Bearer <token>, made with POST /tokens or on the console's API tokens page)";

    @Override
    public void filter(ContainerRequestContext request) {
        if (resource.getResourceMethod() != null
                && (resource.getResourceMethod().isAnnotationPresent(Public.class)
                        || resource.getResourceClass().isAnnotationPresent(Public.class))) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String client = clientAddress.of(http);
        Optional<Caller> caller;
        try {
            caller =
                    bearer(header).isPresent()
                            ? tokens.authenticate(bearer(header).get())
                            : credentials(header)
                                    .flatMap(c -> accounts.authenticate(c[0], c[1], client));
        } catch (TooManyAttempts e) {
            request.abortWith(
                    Response.fromResponse(
                                    ApiError.response(
                                            Response.Status.TOO_MANY_REQUESTS, e.getMessage()))
                            .header("Retry-After", e.retryAfterSeconds())
                            .build());
            return;
        }
        if (caller.isEmpty()) {
            request.abortWith(
                    Response.fromResponse(ApiError.response(Response.Status.UNAUTHORIZED, REFUSED))
                            .header(
                                    HttpHeaders.WWW_AUTHENTICATE,
                                    "Basic realm=\"FilterMX\", charset=\"UTF-8\"")
                            .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"FilterMX\"")
                            .build());
            return;
        }
        current.set(caller.get().from(client));
    }

    static Optional<String> bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(header.substring(7).strip());
    }

    static Optional<String[]> credentials(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded =
                    new String(
                            Base64.getDecoder().decode(header.substring(6).strip()),
                            StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0
                    ? Optional.empty()
                    : Optional.of(
                            new String[] {
                                decoded.substring(0, colon), decoded.substring(colon + 1)
                            });
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
