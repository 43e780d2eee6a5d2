package org.filtermx.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.LogEntry;
import org.filtermx.application.LogSearch;
import org.filtermx.domain.model.message.Direction;
import org.filtermx.domain.model.message.LogQuery;
import org.filtermx.domain.model.message.MessageStatus;
import org.filtermx.domain.model.shared.Keyword;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * {@code GET /log}: message log search, newest first; pass the last id of a page as {@code before}
 * for the next page. {@code GET /log/{id}} adds the status history.
 */
@Path("/log")
@Produces(MediaType.APPLICATION_JSON)
public class LogResource {

    @Inject private LogSearch search;
    @Inject private CurrentCaller caller;

    @GET
    public List<LogEntry> search(
            @QueryParam("domain") String domain,
            @QueryParam("sender") String sender,
            @QueryParam("recipient") String recipient,
            @QueryParam("status") String status,
            @QueryParam("messageId") String messageId,
            @QueryParam("subject") String subject,
            @QueryParam("direction") String direction,
            @QueryParam("since") String since,
            @QueryParam("until") String until,
            @QueryParam("before") String before,
            @QueryParam("limit") String limit) {
        Long beforeId = Params.number("before", before);
        Long pageSize = Params.number("limit", limit);
        LogQuery query =
                new LogQuery(
                        null,
                        null,
                        blankToNull(domain, true),
                        blankToNull(sender, true),
                        blankToNull(recipient, true),
                        status(status),
                        direction(direction),
                        blankToNull(messageId, false),
                        subject == null || subject.isBlank() ? null : subject.strip(),
                        instant("since", since),
                        instant("until", until),
                        beforeId,
                        pageSize == null
                                ? 100
                                : (int) Math.max(1, Math.min(pageSize, LogQuery.MAX_LIMIT)));
        return search.search(caller.get(), query);
    }

    @GET
    @Path("{id}")
    public LogEntry get(@PathParam("id") String id) {
        Long n = Params.number("id", id);
        return search.get(caller.get(), n == null ? 0 : n);
    }

    private static String blankToNull(String value, boolean lowerCase) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return lowerCase ? LowerCase.of(value.strip()) : value.strip().replaceAll("^<|>$", "");
    }

    private static Direction direction(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Direction.valueOf(Keyword.upper(value));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest("direction must be inbound or outbound");
        }
    }

    private static MessageStatus status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return MessageStatus.valueOf(Keyword.upper(value));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest("status must be one of " + List.of(MessageStatus.values()));
        }
    }

    /**
     * Accepts an ISO-8601 instant ({@code 2026-11-27T10:00:00Z}) or a date ({@code 2026-11-27},
     * UTC).
     */
    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() == 10
                    ? LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidRequest(
                    name + " must be an ISO-8601 date or instant, e.g. 2026-11-27T10:00:00Z");
        }
    }
}
