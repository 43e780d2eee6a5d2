package org.filtermx.web.console.log;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.filtermx.application.LogEntry;
import org.filtermx.application.LogSearch;
import org.filtermx.domain.model.message.Direction;
import org.filtermx.domain.model.message.LogQuery;
import org.filtermx.domain.model.message.MessageStatus;
import org.filtermx.web.console.ConsoleUser;
import org.filtermx.web.console.Feedback;
import org.filtermx.web.console.KeysetLazyModel;

/**
 * {@code log.xhtml}: searches the message log (domain, sender, recipient, subject, Message-ID,
 * status, direction, date range in UTC) newest first in keyset pages; the service bounds what the
 * caller sees. Opening an entry shows its status history.
 */
@Named
@ViewScoped
public class LogView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject private transient LogSearch logs;
    @Inject private transient ConsoleUser user;

    private String domain;
    private String sender;
    private String recipient;
    private String subject;
    private String messageId;
    private MessageStatus status;
    private Direction direction;
    private LocalDate from;
    private LocalDate to;
    private KeysetLazyModel<LogEntry> entries;
    private LogEntry entry;

    @PostConstruct
    public void init() {
        search();
    }

    public void search() {
        if (from != null && to != null && to.isBefore(from)) {
            Feedback.error("Date range: the end date is before the start date.");
            return;
        }
        String d = blankToNull(domain);
        String s = blankToNull(sender);
        String r = blankToNull(recipient);
        String subj = blankToNull(subject);
        String mid = blankToNull(messageId);
        MessageStatus st = status;
        Direction dir = direction;
        var since = from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant();
        var until = to == null ? null : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        entries =
                new KeysetLazyModel<>(
                        (before, limit) -> {
                            List<LogEntry> rows =
                                    Feedback.attempt(
                                            () ->
                                                    logs.search(
                                                            user.caller(),
                                                            new LogQuery(
                                                                    null, null, d, s, r, st, dir,
                                                                    mid, subj, since, until, before,
                                                                    limit)));
                            return rows == null ? List.of() : rows;
                        },
                        LogEntry::id);
        entry = null;
    }

    public void open(long id) {
        LogEntry found = Feedback.attempt(() -> logs.get(user.caller(), id));
        if (found != null) {
            entry = found;
        }
    }

    public void close() {
        entry = null;
    }

    public String recipients(LogEntry e) {
        return String.join(", ", e.recipients());
    }

    public List<MessageStatus> getStatuses() {
        return Arrays.asList(MessageStatus.values());
    }

    public List<Direction> getDirections() {
        return Arrays.asList(Direction.values());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public KeysetLazyModel<LogEntry> getEntries() {
        return entries;
    }

    public LogEntry getEntry() {
        return entry;
    }

    public String getDomain() {
        return domain;
    }

    public void setDomain(String domain) {
        this.domain = domain;
    }

    public String getSender() {
        return sender;
    }

    public void setSender(String sender) {
        this.sender = sender;
    }

    public String getRecipient() {
        return recipient;
    }

    public void setRecipient(String recipient) {
        this.recipient = recipient;
    }

    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    public String getMessageId() {
        return messageId;
    }

    public void setMessageId(String messageId) {
        this.messageId = messageId;
    }

    public MessageStatus getStatus() {
        return status;
    }

    public void setStatus(MessageStatus status) {
        this.status = status;
    }

    public Direction getDirection() {
        return direction;
    }

    public void setDirection(Direction direction) {
        this.direction = direction;
    }

    public LocalDate getFrom() {
        return from;
    }

    public void setFrom(LocalDate from) {
        this.from = from;
    }

    public LocalDate getTo() {
        return to;
    }

    public void setTo(LocalDate to) {
        this.to = to;
    }
}
