package org.filtermx.web.api;

import jakarta.ejb.EJBException;
import jakarta.json.bind.JsonbException;
import jakarta.resource.ResourceException;
import jakarta.transaction.RollbackException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.filtermx.application.Conflict;
import org.filtermx.application.Forbidden;
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.NotFound;
import org.filtermx.application.TemporaryFailure;
import org.filtermx.application.TooManyAttempts;
import org.filtermx.application.TrainingQueueFull;

/**
 * Turns every failure into the API's JSON error with a fitting status; unexpected ones are logged
 * here and answered 500 with no detail an attacker could use.
 */
@Provider
public class ErrorMappers implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class.getName());

    @Override
    public Response toResponse(Throwable t) {
        Throwable e = t instanceof EJBException && t.getCause() != null ? t.getCause() : t;
        if (e instanceof TooManyAttempts tooMany) {
            return Response.fromResponse(
                            ApiError.response(Response.Status.TOO_MANY_REQUESTS, e.getMessage()))
                    .header("Retry-After", tooMany.retryAfterSeconds())
                    .build();
        }
        if (e instanceof TrainingQueueFull full) {
            return Response.fromResponse(
                            ApiError.response(Response.Status.SERVICE_UNAVAILABLE, e.getMessage()))
                    .header("Retry-After", full.retryAfterSeconds())
                    .build();
        }
        if (e instanceof NotFound) {
            return ApiError.response(Response.Status.NOT_FOUND, e.getMessage());
        }
        if (e instanceof Conflict) {
            return ApiError.response(Response.Status.CONFLICT, e.getMessage());
        }
        if (e instanceof InvalidRequest || e instanceof IllegalArgumentException) {
            return ApiError.response(Response.Status.BAD_REQUEST, e.getMessage());
        }
        if (e instanceof Forbidden) {
            return ApiError.response(Response.Status.FORBIDDEN, e.getMessage());
        }
        if (e instanceof TemporaryFailure || causedByUnavailableResource(e)) {
            return ApiError.response(
                    Response.Status.SERVICE_UNAVAILABLE, "temporarily unavailable, try again");
        }
        if (e instanceof JsonbException || e instanceof ProcessingException) {
            return ApiError.response(
                    Response.Status.BAD_REQUEST,
                    "the request body is not valid JSON of the expected shape");
        }
        if (e instanceof NotAllowedException w) {
            return ApiError.response(
                    w.getResponse().getStatus(),
                    "Method Not Allowed",
                    "this resource does not support that method");
        }
        if (e instanceof NotSupportedException) {
            return ApiError.response(
                    Response.Status.UNSUPPORTED_MEDIA_TYPE,
                    "send the body with its real Content-Type: application/json, message/rfc822"
                            + " (or application/mbox, multipart/mixed) for training, text/csv for a"
                            + " user import");
        }
        if (e instanceof WebApplicationException w) {
            // The framework's own messages name its classes; clients get the status words only.
            Response.StatusType status = w.getResponse().getStatusInfo();
            return ApiError.response(
                    status.getStatusCode(), status.getReasonPhrase(), status.getReasonPhrase());
        }
        LOG.log(Level.WARNING, "API request failed", e);
        return ApiError.response(
                Response.Status.INTERNAL_SERVER_ERROR, "the server could not complete the request");
    }

    /** Whether {@code t} is a temporary failure the API answers 503 (the client may repeat). */
    static boolean temporary(Throwable t) {
        Throwable e = t instanceof EJBException && t.getCause() != null ? t.getCause() : t;
        return e instanceof TemporaryFailure || causedByUnavailableResource(e);
    }

    /**
     * A database that cannot be reached surfaces as JDBC or JCA exceptions somewhere in the chain;
     * a commit the database refused (a Galera certification failure, ADR 0053) as the transaction
     * manager's {@link RollbackException}, with nothing written.
     */
    private static boolean causedByUnavailableResource(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException
                    || t instanceof ResourceException
                    || t instanceof RollbackException) {
                return true;
            }
        }
        return false;
    }
}
