package org.filtermx.web.console.quarantine;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.filtermx.application.HeldMessageContent;
import org.filtermx.application.QuarantineDetails;
import org.filtermx.application.QuarantineEntry;
import org.filtermx.application.QuarantineService;
import org.filtermx.application.QuarantineService.Action;
import org.filtermx.application.QuarantineService.Outcome;
import org.filtermx.web.console.ConsoleUser;
import org.filtermx.web.console.Feedback;
import org.filtermx.web.console.KeysetLazyModel;

/**
 * {@code quarantine.xhtml}: the held messages the caller may see, newest first in keyset pages; one
 * message's details with a text-only preview; actions on one message or on the selection.
 */
@Named
@ViewScoped
public class QuarantineView implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int PAGE = 25;

    @Inject private transient QuarantineService quarantine;
    @Inject private transient ConsoleUser user;

    private String domain;
    private String recipient;
    private String sender;
    private String direction = "";
    private KeysetLazyModel<QuarantineEntry> messages;
    private List<QuarantineEntry> selected = new ArrayList<>();
    private Action bulkAction = Action.RELEASE;

    private QuarantineDetails details;
    private HeldMessageContent content;
    private Action action = Action.RELEASE;
    private String actionRecipient;

    @PostConstruct
    public void init() {
        search();
    }

    /** Starts the listing again with the current filters. */
    public void search() {
        String d = blankToNull(domain);
        String r = blankToNull(recipient);
        String s = blankToNull(sender);
        String dir = blankToNull(direction);
        messages =
                new KeysetLazyModel<>(
                        (before, limit) -> {
                            List<QuarantineEntry> rows =
                                    Feedback.attempt(
                                            () ->
                                                    quarantine.list(
                                                            user.caller(),
                                                            new QuarantineService.Filter(
                                                                    d, r, s, dir, before, limit)));
                            return rows == null ? List.of() : rows;
                        },
                        QuarantineEntry::id);
        selected = new ArrayList<>();
    }

    public void open(long id) {
        QuarantineDetails found = Feedback.attempt(() -> quarantine.get(user.caller(), id));
        if (found == null) {
            return;
        }
        details = found;
        content = Feedback.attempt(() -> quarantine.read(user.caller(), id));
        actionRecipient = null;
    }

    public void close() {
        details = null;
        content = null;
    }

    public void act() {
        long id = details.message().id();
        String to = blankToNull(actionRecipient);
        Outcome outcome = Feedback.attempt(() -> quarantine.act(user.caller(), id, action, to));
        if (outcome != null) {
            report(List.of(outcome));
            if (action == Action.TRAIN_SPAM) {
                open(id);
            } else {
                close();
            }
            search();
        }
    }

    public void actOnSelected() {
        if (selected == null || selected.isEmpty()) {
            Feedback.error("Select one or more messages first.");
            return;
        }
        List<Long> ids = selected.stream().map(QuarantineEntry::id).toList();
        List<Outcome> outcomes =
                Feedback.attempt(() -> quarantine.actOnAll(user.caller(), ids, bulkAction));
        if (outcomes != null) {
            report(outcomes);
            close();
            search();
        }
    }

    private static void report(List<Outcome> outcomes) {
        long done = outcomes.stream().filter(Outcome::done).count();
        if (done > 0) {
            Feedback.info(
                    label(outcomes.get(0).action())
                            + ": done for "
                            + done
                            + " message"
                            + (done == 1 ? "" : "s")
                            + ".");
        }
        for (Outcome o : outcomes) {
            if (!o.done()) {
                Feedback.error(
                        "Message "
                                + o.id()
                                + ": "
                                + (o.detail() == null ? "nothing was done" : o.detail()));
            }
        }
    }

    public static String label(Action a) {
        return switch (a) {
            case RELEASE -> "Release";
            case RELEASE_AND_TRAIN -> "Release and train as ham";
            case ALLOW_AND_RELEASE -> "Allow sender and release";
            case BLOCK_AND_DELETE -> "Block sender and delete";
            case DELETE -> "Delete";
            case TRAIN_SPAM -> "Train as spam";
        };
    }

    public String actionLabel(Action a) {
        return label(a);
    }

    public List<Action> getActions() {
        return Arrays.asList(Action.values());
    }

    public String recipients(QuarantineEntry m) {
        return String.join(", ", m.recipients());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** The direction filter: empty for both, {@code inbound} or {@code outbound}. */
    public String getDirection() {
        return direction;
    }

    public void setDirection(String direction) {
        this.direction = direction == null ? "" : direction;
    }

    /** Whether a held message is outgoing mail (shown with its direction in the list). */
    public boolean outgoing(QuarantineEntry m) {
        return "OUTBOUND".equals(m.direction());
    }

    public KeysetLazyModel<QuarantineEntry> getMessages() {
        return messages;
    }

    public List<QuarantineEntry> getSelected() {
        return selected;
    }

    public void setSelected(List<QuarantineEntry> selected) {
        this.selected = selected;
    }

    public Action getBulkAction() {
        return bulkAction;
    }

    public void setBulkAction(Action bulkAction) {
        this.bulkAction = bulkAction;
    }

    public QuarantineDetails getDetails() {
        return details;
    }

    /** The text-only preview of the open message, read by the ejb's MIME parser. */
    public String getPreview() {
        return content == null ? "" : content.text();
    }

    /** The open message's attachments (file name, type, size); never opened in the console. */
    public List<HeldMessageContent.Attachment> getAttachments() {
        return content == null ? List.of() : content.attachments();
    }

    public Action getAction() {
        return action;
    }

    public void setAction(Action action) {
        this.action = action;
    }

    public String getActionRecipient() {
        return actionRecipient;
    }

    public void setActionRecipient(String actionRecipient) {
        this.actionRecipient = actionRecipient;
    }

    public String getDomain() {
        return domain;
    }

    public void setDomain(String domain) {
        this.domain = domain;
    }

    public String getRecipient() {
        return recipient;
    }

    public void setRecipient(String recipient) {
        this.recipient = recipient;
    }

    public String getSender() {
        return sender;
    }

    public void setSender(String sender) {
        this.sender = sender;
    }
}
