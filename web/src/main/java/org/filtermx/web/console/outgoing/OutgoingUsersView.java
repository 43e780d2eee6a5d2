package org.filtermx.web.console.outgoing;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.filtermx.application.DomainDetails;
import org.filtermx.application.DomainService;
import org.filtermx.application.OutgoingBreakerService;
import org.filtermx.application.OutgoingBreakerService.BreakerStatus;
import org.filtermx.application.OutgoingUserService;
import org.filtermx.application.OutgoingUserService.OutgoingUserEntry;
import org.filtermx.application.OutgoingUserService.Settings;
import org.filtermx.domain.model.account.AccountRole;
import org.filtermx.domain.model.outgoing.OutgoingLimits;
import org.filtermx.web.console.ConsoleUser;
import org.filtermx.web.console.Feedback;

/**
 * {@code outgoing.xhtml}: the outgoing users of one domain (or only the locked ones), with their
 * limits and locks; add a user by login name or by address ranges, change one, unlock or remove it.
 * Every action goes through {@link OutgoingUserService}, which checks the caller's tenancy.
 */
@Named
@ViewScoped
public class OutgoingUsersView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject private transient OutgoingUserService users;
    @Inject private transient OutgoingBreakerService breakers;
    @Inject private transient DomainService domains;
    @Inject private transient ConsoleUser user;

    private List<String> domainNames = List.of();
    private String domain;
    private boolean lockedOnly;
    private List<OutgoingUserEntry> list = List.of();

    private String kind = "USERNAME";
    private String username;
    private String password;
    private String ip;
    private Integer messagesPerHour = OutgoingLimits.DEFAULT.messagesPerHour();
    private Integer recipientsPerHour = OutgoingLimits.DEFAULT.recipientsPerHour();
    private Integer connections = OutgoingLimits.DEFAULT.connections();
    private boolean autoLock = true;
    private String smarthostIdentity;

    private OutgoingUserEntry editing;

    /** The circuit breaker's state of the user whose "Breaker" button was pressed, or null. */
    private BreakerStatus breaker;

    private String breakerLabel;

    @PostConstruct
    public void init() {
        List<DomainDetails> found = Feedback.attempt(() -> domains.list(user.caller()));
        domainNames = found == null ? List.of() : found.stream().map(DomainDetails::name).toList();
        if (!domainNames.isEmpty()) {
            domain = domainNames.get(0);
            load();
        }
    }

    public void load() {
        List<OutgoingUserEntry> rows =
                Feedback.attempt(() -> users.list(user.caller(), domain, lockedOnly));
        list = rows == null ? List.of() : rows;
        editing = null;
    }

    public void addUser() {
        boolean byName = "USERNAME".equals(kind);
        OutgoingUserEntry added =
                Feedback.attempt(
                        () ->
                                users.add(
                                        user.caller(),
                                        domain,
                                        byName ? username : null,
                                        new Settings(
                                                byName ? password : null,
                                                byName ? null : ip,
                                                messagesPerHour,
                                                recipientsPerHour,
                                                connections,
                                                autoLock,
                                                smarthostIdentity)));
        if (added != null) {
            Feedback.info("Outgoing user " + label(added) + " added.");
            username = null;
            password = null;
            ip = null;
            load();
        }
    }

    /** Opens the change form with {@code entry}'s settings. */
    public void edit(OutgoingUserEntry entry) {
        editing = entry;
        password = null;
        ip = String.join(", ", entry.ranges());
        messagesPerHour = entry.messagesPerHour();
        recipientsPerHour = entry.recipientsPerHour();
        connections = entry.connections();
        autoLock = entry.autoLock();
        smarthostIdentity = entry.smarthostIdentity();
    }

    public void saveUser() {
        if (editing == null) {
            return;
        }
        boolean byName = "USERNAME".equals(editing.kind());
        String newPassword = password == null || password.isEmpty() ? null : password;
        OutgoingUserEntry changed =
                Feedback.attempt(
                        () ->
                                users.change(
                                        user.caller(),
                                        editing.id(),
                                        new Settings(
                                                byName ? newPassword : null,
                                                byName ? null : ip,
                                                messagesPerHour,
                                                recipientsPerHour,
                                                connections,
                                                autoLock,
                                                smarthostIdentity == null
                                                        ? ""
                                                        : smarthostIdentity)));
        if (changed != null) {
            Feedback.info("Outgoing user " + label(changed) + " changed.");
            password = null;
            load();
        }
    }

    public void cancelEdit() {
        editing = null;
        password = null;
    }

    /** Lifts every lock of the user. */
    public void unlockUser(OutgoingUserEntry entry) {
        if (Feedback.attempt(() -> users.unlock(user.caller(), entry.id(), null)) != null) {
            Feedback.info("Outgoing user " + label(entry) + " unlocked.");
        }
        load();
    }

    /** Shows the circuit breaker's state of {@code entry} (ADR 0045). */
    public void showBreaker(OutgoingUserEntry entry) {
        BreakerStatus found = Feedback.attempt(() -> breakers.status(user.caller(), entry.id()));
        breaker = found;
        breakerLabel = found == null ? null : label(entry);
    }

    /**
     * Lifts every lock of the user shown in the breaker card: for a domain login, today's one
     * self-service unlock.
     */
    public void unlockShown() {
        if (breaker == null) {
            return;
        }
        long id = breaker.userId();
        if (Feedback.attempt(() -> users.unlock(user.caller(), id, null)) != null) {
            Feedback.info("Outgoing user " + breakerLabel + " unlocked.");
        }
        load();
        BreakerStatus found = Feedback.attempt(() -> breakers.status(user.caller(), id));
        breaker = found;
    }

    public void closeBreaker() {
        breaker = null;
    }

    /** Whether the caller unlocks by the daily self-service quota (a domain login). */
    public boolean isSelfService() {
        return user.caller().role() == AccountRole.DOMAIN;
    }

    public BreakerStatus getBreaker() {
        return breaker;
    }

    public String getBreakerLabel() {
        return breakerLabel;
    }

    public void removeUser(OutgoingUserEntry entry) {
        if (Feedback.attempt(() -> users.remove(user.caller(), entry.id()))) {
            Feedback.info("Outgoing user " + label(entry) + " removed.");
        }
        load();
    }

    /** The login name, or the address ranges. */
    public static String label(OutgoingUserEntry entry) {
        return entry.username() != null ? entry.username() : String.join(", ", entry.ranges());
    }

    /** A limit as shown: the number, or "unlimited" for 0. */
    public static String limit(int value) {
        return value == 0 ? "unlimited" : Integer.toString(value);
    }

    public List<String> getDomainNames() {
        return domainNames;
    }

    public String getDomain() {
        return domain;
    }

    public void setDomain(String domain) {
        this.domain = domain;
    }

    public boolean isLockedOnly() {
        return lockedOnly;
    }

    public void setLockedOnly(boolean lockedOnly) {
        this.lockedOnly = lockedOnly;
    }

    public List<OutgoingUserEntry> getList() {
        return list;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getIp() {
        return ip;
    }

    public void setIp(String ip) {
        this.ip = ip;
    }

    public Integer getMessagesPerHour() {
        return messagesPerHour;
    }

    public void setMessagesPerHour(Integer messagesPerHour) {
        this.messagesPerHour = messagesPerHour;
    }

    public Integer getRecipientsPerHour() {
        return recipientsPerHour;
    }

    public void setRecipientsPerHour(Integer recipientsPerHour) {
        this.recipientsPerHour = recipientsPerHour;
    }

    public Integer getConnections() {
        return connections;
    }

    public void setConnections(Integer connections) {
        this.connections = connections;
    }

    public boolean isAutoLock() {
        return autoLock;
    }

    public void setAutoLock(boolean autoLock) {
        this.autoLock = autoLock;
    }

    public String getSmarthostIdentity() {
        return smarthostIdentity;
    }

    public void setSmarthostIdentity(String smarthostIdentity) {
        this.smarthostIdentity = smarthostIdentity;
    }

    public OutgoingUserEntry getEditing() {
        return editing;
    }
}
