package org.filtermx.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.filtermx.application.DnsStatus;
import org.filtermx.application.DnsStatusService;

/**
 * {@code /domains/{name}/dns-status}: MX, SPF, DKIM and the destination's allowed addresses, each
 * with the records to publish (docs/customer-guide.md, "DNS status"). Asked fresh each time.
 */
@Path("/domains/{name}/dns-status")
@Produces(MediaType.APPLICATION_JSON)
public class DnsStatusResource {

    @Inject private DnsStatusService status;
    @Inject private CurrentCaller caller;

    @GET
    public DnsStatus get(@PathParam("name") String name) {
        return status.status(caller.get(), name);
    }
}
