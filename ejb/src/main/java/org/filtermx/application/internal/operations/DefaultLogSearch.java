package org.filtermx.application.internal.operations;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import org.filtermx.application.Caller;
import org.filtermx.application.Forbidden;
import org.filtermx.application.HostedDomain;
import org.filtermx.application.HostedDomainDirectory;
import org.filtermx.application.LogEntry;
import org.filtermx.application.LogSearch;
import org.filtermx.application.NotFound;
import org.filtermx.application.Visibility;
import org.filtermx.application.internal.accounts.Tenancy;
import org.filtermx.domain.model.message.LogQuery;
import org.filtermx.domain.model.message.MessageLogEntry;
import org.filtermx.domain.model.message.MessageLogRepository;

/**
 * Log search within the caller's bounds ({@link Tenancy}): administrators see everything, a
 * reseller its domains, a domain its own mail, an email user the mail it received. An alias
 * domain's mail is logged under its main domain, so a search for the alias finds it there. An email
 * user is shown no other recipient of a message, neither in the list nor in its history.
 */
@Stateless
public class DefaultLogSearch implements LogSearch {

    @Inject private MessageLogRepository log;
    @Inject private Tenancy tenancy;
    @Inject private HostedDomainDirectory directory;

    @Override
    public List<LogEntry> search(Caller caller, LogQuery query) {
        Visibility v = tenancy.of(caller);
        LogQuery q = query;
        if (q.domain() != null) {
            q =
                    q.forDomain(
                            directory
                                    .lookup(q.domain())
                                    .map(HostedDomain::name)
                                    .orElse(q.domain()));
            if (!v.covers(q.domain())) {
                throw new Forbidden("you may not search the mail of " + query.domain());
            }
        }
        return log.search(q.within(v.domains(), v.address())).stream()
                .map(e -> view(v, e, List.of()))
                .toList();
    }

    @Override
    public LogEntry get(Caller caller, long id) {
        Visibility v = tenancy.of(caller);
        MessageLogEntry entry =
                log.find(id)
                        .filter(e -> v.covers(e.domain(), e.recipients()))
                        .orElseThrow(() -> new NotFound("no log entry " + id));
        List<String> all = entry.recipients();
        List<LogEntry.Event> history =
                log.history(id).stream()
                        .filter(e -> !v.aboutAnotherRecipient(e.detail(), all))
                        .map(
                                e ->
                                        new LogEntry.Event(
                                                e.occurredAt(),
                                                e.status().name(),
                                                e.remote(),
                                                v.redact(e.detail(), all)))
                        .toList();
        return view(v, entry, history);
    }

    /** The entry as {@code v} may see it: an email user sees itself as the only recipient. */
    private static LogEntry view(Visibility v, MessageLogEntry e, List<LogEntry.Event> history) {
        return new LogEntry(
                e.id(),
                e.queueId(),
                e.messageId(),
                e.direction().name(),
                e.domain(),
                e.sender(),
                v.shownRecipients(e.recipients()),
                e.subject(),
                e.size(),
                e.clientIp(),
                e.status().name(),
                v.redact(e.reason(), e.recipients()),
                e.score(),
                e.verdict(),
                e.verdictReasons(),
                e.receivedAt(),
                history);
    }
}
