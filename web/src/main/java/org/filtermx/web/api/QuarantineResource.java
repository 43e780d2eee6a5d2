package org.filtermx.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.QuarantineService;
import org.filtermx.application.QuarantineView;

/** {@code GET /quarantine?domain=&recipient=}: held messages, newest first. */
@Path("/quarantine")
@Produces(MediaType.APPLICATION_JSON)
public class QuarantineResource {

    @Inject private QuarantineService quarantine;
    @Inject private CurrentCaller caller;

    @GET
    public List<QuarantineView> list(
            @QueryParam("domain") String domain,
            @QueryParam("recipient") String recipient,
            @QueryParam("limit") String limit) {
        int n = 100;
        if (limit != null && !limit.isBlank()) {
            try {
                n = Math.max(1, Math.min(500, Integer.parseInt(limit.strip())));
            } catch (NumberFormatException e) {
                throw new InvalidRequest("limit must be a whole number");
            }
        }
        return quarantine.list(caller.get(), domain, recipient, n);
    }
}
