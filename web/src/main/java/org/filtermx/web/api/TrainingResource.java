package org.filtermx.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.TrainingService;

/**
 * {@code POST /training/spam} and {@code /training/ham}: the body is one raw message ({@code
 * Content-Type: message/rfc822}, the only type taken: see {@link CrossSiteApiRequests}); {@code
 * ?domain=} trains that domain's classifier only.
 */
@Path("/training")
@Produces(MediaType.APPLICATION_JSON)
public class TrainingResource {

    /** Postfix's default message_size_limit bounds what one training call may send. */
    static final int MAX_MESSAGE = 10_240_000;

    @Inject private TrainingService training;
    @Inject private CurrentCaller caller;

    @POST
    @Path("{kind}")
    @Consumes("message/rfc822")
    public Response train(
            @PathParam("kind") String kind, @QueryParam("domain") String domain, byte[] message) {
        boolean spam =
                switch (kind) {
                    case "spam" -> true;
                    case "ham" -> false;
                    default ->
                            throw new InvalidRequest(
                                    "train as spam or ham: POST /training/spam or /training/ham");
                };
        if (message == null || message.length == 0) {
            throw new InvalidRequest("the body must be one raw message");
        }
        if (message.length > MAX_MESSAGE) {
            throw new InvalidRequest("the message is larger than " + MAX_MESSAGE + " bytes");
        }
        training.train(
                caller.get(),
                message,
                spam,
                domain == null || domain.isBlank() ? null : domain.strip());
        return Response.ok(java.util.Map.of("trained", spam ? "spam" : "ham")).build();
    }
}
