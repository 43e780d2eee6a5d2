package org.filtermx.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.filtermx.application.Caller;
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.TrainingQueueStatus;
import org.filtermx.application.TrainingService;
import org.filtermx.web.api.upload.BulkTraining;
import org.filtermx.web.api.upload.MalformedUpload;
import org.filtermx.web.api.upload.MessageUpload;
import org.filtermx.web.api.upload.UploadedMessage;

/**
 * {@code POST /training/spam} and {@code /training/ham}: the body is one raw message ({@code
 * Content-Type: message/rfc822}), or many: an mbox ({@code application/mbox}) or a {@code
 * multipart/mixed} body whose parts are messages, read as a stream and trained in batches ({@link
 * BulkTraining}). These are the only types taken (see {@link CrossSiteApiRequests}); {@code
 * ?domain=} trains that domain's classifier only.
 *
 * <p>A bulk upload answers {@code {"trained": n, "skipped": [{"index": i, "error": "..."}]}}, a
 * message too large or empty being left out and the rest trained. Broken framing (no mbox "From "
 * line first, a multipart body cut off) answers 400, more than {@value #MAX_UPLOAD_MESSAGES}
 * messages 413, a temporary failure 503, each with the same tally and {@code retryFrom}, the index
 * of the first message not trained nor left out: the messages before it stand (each batch is
 * committed on its own), and the client sends the rest again. These uploads are the only requests
 * larger than 10 MiB the server takes ({@link org.filtermx.web.http.RequestBodyLimit}); the HTTP
 * listener's limit (1 GiB) bounds them.
 *
 * <p>One message sent with {@code Prefer: respond-async} (RFC 7240 section 4.1) is stored in the
 * durable training queue instead, after the same checks, and answered {@code 202 Accepted} with
 * {@code Preference-Applied: respond-async} and {@code {"queued": id, "trained": "spam"}}: a worker
 * learns it within seconds, in a batch with the others queued (ADR 0051). A full queue answers 503
 * with {@code Retry-After}. {@code GET /training/queue} (administrators) says how many messages
 * wait and which could not be learnt, so that a client can wait until its uploads are learnt.
 */
@Path("/training")
@Produces(MediaType.APPLICATION_JSON)
public class TrainingResource {

    /** The most messages one bulk upload may hold. */
    static final int MAX_UPLOAD_MESSAGES = 100_000;

    @Inject private TrainingService training;
    @Inject private CurrentCaller caller;

    @POST
    @Path("{kind}")
    @Consumes("message/rfc822")
    public Response train(
            @PathParam("kind") String kind,
            @QueryParam("domain") String domain,
            @Context HttpHeaders headers,
            byte[] message) {
        boolean spam = spam(kind);
        if (message == null || message.length == 0) {
            throw new InvalidRequest("the body must be one raw message");
        }
        long max = training.messageSizeLimit();
        if (message.length > max) {
            throw new InvalidRequest("the message is larger than " + max + " bytes");
        }
        if (Preferences.prefers(headers.getRequestHeader("Prefer"), Preferences.RESPOND_ASYNC)) {
            long id = training.enqueue(caller.get(), message, spam, domain(domain));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("queued", id);
            body.put("trained", spam ? "spam" : "ham");
            // RFC 7240 section 3: which preference the answer honoured.
            return Response.accepted(body)
                    .header("Preference-Applied", Preferences.RESPOND_ASYNC)
                    .build();
        }
        training.train(caller.get(), message, spam, domain(domain));
        return Response.ok(java.util.Map.of("trained", spam ? "spam" : "ham")).build();
    }

    /**
     * {@code GET /training/queue}: {@code waiting} (including messages being learnt now), {@code
     * failed}, {@code oldestWaitingSeconds} (null when none waits) and the latest {@code failures}.
     */
    @GET
    @Path("queue")
    public TrainingQueueStatus queue() {
        return training.queueStatus(caller.get());
    }

    @POST
    @Path("{kind}")
    @Consumes({"application/mbox", "multipart/mixed"})
    public Response trainMany(
            @PathParam("kind") String kind,
            @QueryParam("domain") String domain,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) MediaType type,
            InputStream body) {
        boolean spam = spam(kind);
        Caller who = caller.get();
        String scope = domain(domain);
        training.checkAllowed(who, scope);
        long max = training.messageSizeLimit();
        MessageUpload upload;
        if (type != null && type.isCompatible(new MediaType("multipart", "mixed"))) {
            String boundary = type.getParameters().get("boundary");
            if (!MessageUpload.validBoundary(boundary)) {
                throw new InvalidRequest(
                        "multipart/mixed needs a boundary parameter of 1 to 70 characters"
                                + " (RFC 2046 section 5.1.1)");
            }
            upload = MessageUpload.multipart(body, boundary, max);
        } else {
            upload = MessageUpload.mbox(body, max);
        }
        BulkTraining bulk = new BulkTraining(training, who, spam, scope);
        int next = 0;
        try {
            for (UploadedMessage m = upload.next(); m != null; m = upload.next()) {
                if (m.index() >= MAX_UPLOAD_MESSAGES) {
                    bulk.flush();
                    return failed(
                            413,
                            "Content Too Large",
                            "more than " + MAX_UPLOAD_MESSAGES + " messages: split the upload",
                            bulk,
                            m.index());
                }
                bulk.add(m);
                next = m.index() + 1;
            }
            bulk.flush();
            if (next == 0) {
                throw new InvalidRequest("the upload holds no message");
            }
            return Response.ok(bulk.tally()).build();
        } catch (MalformedUpload e) {
            bulk.flush();
            return failed(400, "Bad Request", e.getMessage(), bulk, next);
        } catch (IOException e) {
            // Nothing of a batch whose upload could not be read to its end is trained.
            boolean tooLarge = e.getClass().getSimpleName().contains("TooBig");
            return failed(
                    tooLarge ? 413 : 400,
                    tooLarge ? "Content Too Large" : "Bad Request",
                    tooLarge
                            ? "the upload is larger than the server's request limit: split it"
                            : "the upload could not be read to its end",
                    bulk,
                    bulk.pendingFrom(next));
        } catch (RuntimeException e) {
            if (!ErrorMappers.temporary(e)) {
                throw e;
            }
            // The batch that failed was rolled back; the batches before it stand.
            return failed(
                    503,
                    "Service Unavailable",
                    "temporarily unavailable, try again from message " + bulk.pendingFrom(next),
                    bulk,
                    bulk.pendingFrom(next));
        }
    }

    private static Response failed(
            int status, String error, String detail, BulkTraining bulk, int retryFrom) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("detail", detail);
        body.putAll(bulk.tally());
        body.put("retryFrom", retryFrom);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    private static boolean spam(String kind) {
        return switch (kind) {
            case "spam" -> true;
            case "ham" -> false;
            default ->
                    throw new InvalidRequest(
                            "train as spam or ham: POST /training/spam or /training/ham");
        };
    }

    private static String domain(String domain) {
        return domain == null || domain.isBlank() ? null : domain.strip();
    }
}
