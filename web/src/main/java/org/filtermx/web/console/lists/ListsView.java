package org.filtermx.web.console.lists;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.filtermx.application.FilterAdministration;
import org.filtermx.application.FilterAdministration.ListEntry;
import org.filtermx.web.console.ConsoleUser;
import org.filtermx.web.console.Feedback;

/**
 * {@code lists.xhtml}: allow and block lists. The owner is the cluster (empty), a domain, or an
 * email address; a domain login starts at its domain and an email user at its own address.
 */
@Named
@ViewScoped
public class ListsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject private transient FilterAdministration filters;
    @Inject private transient ConsoleUser user;

    private String owner;
    private List<ListEntry> entries = List.of();
    private String action = "BLOCK";
    private String matchOn = "SENDER";
    private String pattern;

    @PostConstruct
    public void init() {
        owner = user.isAdmin() || user.isReseller() ? "" : user.getName();
        show();
    }

    public void show() {
        List<ListEntry> found = Feedback.attempt(() -> filters.listEntries(user.caller(), owner()));
        entries = found == null ? List.of() : found;
    }

    public void addEntry() {
        ListEntry added =
                Feedback.attempt(
                        () ->
                                filters.addListEntry(
                                        user.caller(), owner(), action, matchOn, pattern.strip()));
        if (added != null) {
            Feedback.info(
                    (added.action().equals("ALLOW") ? "Allow" : "Block")
                            + " entry "
                            + added.pattern()
                            + " added.");
            pattern = null;
        }
        show();
    }

    public void removeEntry(ListEntry entry) {
        if (Feedback.attempt(() -> filters.removeListEntry(user.caller(), entry.id()))) {
            Feedback.info("Entry " + entry.pattern() + " removed.");
        }
        show();
    }

    private String owner() {
        return owner == null ? "" : owner.strip();
    }

    public String ownerLabel(ListEntry e) {
        return e.owner() == null || e.owner().isEmpty() ? "cluster" : e.owner();
    }

    public List<ListEntry> getEntries() {
        return entries;
    }

    public String getOwner() {
        return owner;
    }

    public void setOwner(String owner) {
        this.owner = owner;
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    public String getMatchOn() {
        return matchOn;
    }

    public void setMatchOn(String matchOn) {
        this.matchOn = matchOn;
    }

    public String getPattern() {
        return pattern;
    }

    public void setPattern(String pattern) {
        this.pattern = pattern;
    }
}
