package org.filtermx.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.filtermx.application.DomainService;

/**
 * {@code /domain-verification}: how the cluster makes tenants below the administrators prove
 * control of a domain or alias they add, {@code {"method":"dns"}} or {@code {"method":"approval"}}.
 * Everyone may read it; only administrators change it.
 */
@Path("/domain-verification")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DomainVerificationResource {

    /** The body of both directions. */
    public record Method(String method) {}

    @Inject private DomainService domains;
    @Inject private CurrentCaller caller;

    @GET
    public Method get() {
        return new Method(domains.verificationMethod(caller.get()));
    }

    @PUT
    public Method change(Method body) {
        // The service checks the caller first, so a non-administrator learns nothing from a bad
        // body.
        return new Method(
                domains.changeVerificationMethod(
                        caller.get(), body == null ? null : body.method()));
    }
}
