package org.filtermx.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.WebhookService;
import org.filtermx.application.WebhookService.Registered;
import org.filtermx.application.WebhookService.TestQueued;
import org.filtermx.application.WebhookService.WebhookEntry;

/**
 * Webhooks of administrators and resellers (ADR 0045): {@code POST /webhooks
 * {"url":"https://panel.example/hook","events":["outgoing.locked","outgoing.unlocked"]}} answers
 * 201 with the signing {@code secret}, shown this once; {@code GET /webhooks}; {@code GET
 * /webhooks/{id}} (with its latest deliveries), {@code DELETE /webhooks/{id}} and {@code POST
 * /webhooks/{id}/test} (a signed {@code webhook.test} event to that webhook alone). Domain logins
 * and email users get 403.
 */
@Path("/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WebhookResource {

    public record NewWebhook(String url, List<String> events) {}

    @Inject private WebhookService webhooks;
    @Inject private CurrentCaller caller;

    @POST
    public Response register(NewWebhook body) {
        if (body == null) {
            throw new InvalidRequest("a JSON body {\"url\":\"https://...\"} is required");
        }
        Registered created = webhooks.register(caller.get(), body.url(), body.events());
        return Response.created(
                        UriBuilder.fromPath("/api/v1/webhooks/{id}").build(created.webhook().id()))
                .entity(created)
                .build();
    }

    @GET
    public List<WebhookEntry> list() {
        return webhooks.list(caller.get());
    }

    @GET
    @Path("{id}")
    public WebhookEntry get(@PathParam("id") String id) {
        return webhooks.get(caller.get(), id(id));
    }

    @DELETE
    @Path("{id}")
    public Response remove(@PathParam("id") String id) {
        webhooks.remove(caller.get(), id(id));
        return Response.noContent().build();
    }

    /**
     * Queues a signed {@code webhook.test} event for this webhook only: 202 with the event's id,
     * delivered by the outbox within seconds and retried like any other.
     */
    @POST
    @Path("{id}/test")
    public Response test(@PathParam("id") String id) {
        TestQueued queued = webhooks.test(caller.get(), id(id));
        return Response.accepted(queued).build();
    }

    private static long id(String id) {
        Long n = Params.number("id", id);
        if (n == null) {
            throw new InvalidRequest("id is required");
        }
        return n;
    }
}
