package org.filtermx.application.internal;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import org.filtermx.application.Caller;
import org.filtermx.application.Forbidden;
import org.filtermx.application.LogEntryView;
import org.filtermx.application.LogSearch;
import org.filtermx.application.NotFound;
import org.filtermx.domain.model.message.LogQuery;
import org.filtermx.domain.model.message.MessageLogEntry;
import org.filtermx.domain.model.message.MessageLogRepository;

/** Log search scoped to the caller: administrators see every domain. */
@Stateless
public class DefaultLogSearch implements LogSearch {

    @Inject private MessageLogRepository log;

    @Override
    public List<LogEntryView> search(Caller caller, LogQuery query) {
        requireAdmin(caller);
        return log.search(query).stream().map(e -> view(e, List.of())).toList();
    }

    @Override
    public LogEntryView get(Caller caller, long id) {
        requireAdmin(caller);
        MessageLogEntry entry = log.find(id).orElseThrow(() -> new NotFound("no log entry " + id));
        List<LogEntryView.Event> history =
                log.history(id).stream()
                        .map(e -> new LogEntryView.Event(e.occurredAt(), e.status().name(), e.remote(), e.detail()))
                        .toList();
        return view(entry, history);
    }

    private static void requireAdmin(Caller caller) {
        if (caller == null || !caller.admin()) {
            throw new Forbidden("only administrators search the whole log");
        }
    }

    private static LogEntryView view(MessageLogEntry e, List<LogEntryView.Event> history) {
        return new LogEntryView(
                e.id(),
                e.queueId(),
                e.messageId(),
                e.direction().name(),
                e.domain(),
                e.sender(),
                e.recipients(),
                e.subject(),
                e.size(),
                e.clientIp(),
                e.status().name(),
                e.reason(),
                e.score(),
                e.verdict(),
                e.verdictReasons(),
                e.receivedAt(),
                history);
    }
}
