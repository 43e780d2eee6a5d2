package org.filtermx.application.internal.imap;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Logger;
import org.filtermx.application.AccountService;
import org.filtermx.application.Caller;
import org.filtermx.application.Conflict;
import org.filtermx.application.Forbidden;
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.NotFound;
import org.filtermx.application.QuarantineMailboxes;
import org.filtermx.application.QuarantineService;
import org.filtermx.application.TokenService;
import org.filtermx.application.TooManyAttempts;
import org.filtermx.application.internal.accounts.LoginThrottle;
import org.filtermx.application.internal.filtering.ClassifierTraining;
import org.filtermx.application.internal.quarantine.BlindCopyFields;
import org.filtermx.domain.model.account.AccountName;
import org.filtermx.domain.model.account.AccountRole;
import org.filtermx.domain.model.domain.Domain;
import org.filtermx.domain.model.domain.DomainRepository;
import org.filtermx.domain.model.quarantine.MailboxIndex;
import org.filtermx.domain.model.quarantine.MailboxMessage;
import org.filtermx.domain.model.quarantine.QuarantineMailboxRepository;
import org.filtermx.domain.model.shared.LowerCase;
import org.filtermx.imap.api.CopyResult;
import org.filtermx.imap.api.ImapFlags;
import org.filtermx.imap.api.ImapLogin;
import org.filtermx.imap.api.ImapMessage;
import org.filtermx.imap.api.ImapReply;
import org.filtermx.imap.api.ImapSession;
import org.filtermx.imap.api.MailboxInfo;
import org.filtermx.imap.api.MailboxView;

/**
 * The quarantine's IMAP folders. Views, flags and fetches read {@link QuarantineMailboxRepository}
 * within the folder's scope; expunges and copies into the action folders go message by message
 * through {@link QuarantineService}, each in a transaction of its own (so the audit trail, the
 * tenancy rules and release-once are those of the console), and what left the source folder is read
 * back afterwards. Methods run outside a transaction unless they write flags.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DefaultQuarantineMailboxes implements QuarantineMailboxes {

    private static final Logger LOG = Logger.getLogger(DefaultQuarantineMailboxes.class.getName());

    /** Longer passwords are refused unchecked (PBKDF2 work grows with the password). */
    static final int MAX_PASSWORD = 1024;

    /**
     * How much of each message a header fetch reads first: header sections are rarely longer; one
     * that is gets its message read whole.
     */
    static final int HEADER_PREFIX = 64 * 1024;

    /** A guard behind the connector's own APPEND cap. */
    static final long MAX_APPEND = 64L * 1024 * 1024;

    private static final ImapReply NO_SUCH_FOLDER = ImapReply.no("NONEXISTENT", "No such folder");
    private static final ImapReply ACCESS_GONE =
            ImapReply.no("AUTHORIZATIONFAILED", "This login no longer has access");

    @Inject private AccountService accounts;
    @Inject private TokenService tokens;
    @Inject private LoginThrottle throttle;
    @Inject private LiveAccounts live;
    @Inject private QuarantineMailboxRepository mailboxes;
    @Inject private QuarantineService quarantine;
    @Inject private ClassifierTraining training;
    @Inject private DomainRepository domains;

    public DefaultQuarantineMailboxes() {}

    /** For tests outside the container. */
    DefaultQuarantineMailboxes(
            AccountService accounts,
            TokenService tokens,
            LoginThrottle throttle,
            LiveAccounts live,
            QuarantineMailboxRepository mailboxes,
            QuarantineService quarantine,
            ClassifierTraining training,
            DomainRepository domains) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.throttle = throttle;
        this.live = live;
        this.mailboxes = mailboxes;
        this.quarantine = quarantine;
        this.training = training;
        this.domains = domains;
    }

    /**
     * The password check of {@link AccountService#authenticate} (throttled, and refusing accounts
     * with two-step login), then the password as an app password: an API token of the same account
     * ({@link TokenService}). A wrong token costs the attempt the failed password check reserved,
     * so guessing tokens is throttled like guessing passwords; a right one gives it back.
     */
    @Override
    public ImapLogin login(ImapSession session, String username, String password) {
        if (username == null
                || password == null
                || username.isEmpty()
                || password.isEmpty()
                || username.length() > AccountName.MAX
                || password.length() > MAX_PASSWORD) {
            return ImapLogin.invalidCredentials();
        }
        String address = session.clientAddress();
        Optional<Caller> caller;
        try {
            caller = accounts.authenticate(username, password, address);
        } catch (TooManyAttempts e) {
            return ImapLogin.temporaryFailure("Too many failed logins, try again later");
        }
        if (caller.isEmpty()) {
            caller = tokens.authenticate(password).filter(t -> sameName(t.username(), username));
            if (caller.isPresent()) {
                throttle.succeeded(username, address);
            }
        }
        return caller.map(c -> ImapLogin.success(MailboxLogin.of(c).identity()))
                .orElseGet(ImapLogin::invalidCredentials);
    }

    @Override
    public List<MailboxInfo> list(ImapSession session) {
        Optional<MailboxAccess> access = access(session);
        if (access.isEmpty()) {
            return List.of();
        }
        MailboxAccess a = access.get();
        List<String> tree = List.of();
        if (a.login().role() == AccountRole.ADMIN) {
            tree = domains.findAll().stream().map(Domain::name).toList();
        } else if (a.login().role() == AccountRole.RESELLER) {
            tree = List.copyOf(a.visibility().domains());
        }
        return Folders.list(a, tree);
    }

    @Override
    public MailboxView select(ImapSession session, String mailbox) {
        Optional<MailboxAccess> access = access(session);
        if (access.isEmpty()) {
            return MailboxView.refused(ACCESS_GONE);
        }
        Optional<Folder> folder = resolve(access.get(), mailbox);
        if (folder.isEmpty()) {
            return MailboxView.refused(NO_SUCH_FOLDER);
        }
        long uidValidity = mailboxes.uidValidity();
        long highest = mailboxes.highestId();
        Folder f = folder.get();
        if (f instanceof Folder.Quarantine q) {
            MailboxIndex index = mailboxes.index(q.scope(), access.get().flagsKey());
            long last = index.size() == 0 ? 0 : index.ids()[index.size() - 1];
            return new MailboxView(
                    ImapReply.ok("Folder ready"),
                    q.name(),
                    uidValidity,
                    Math.max(highest, last) + 1,
                    false,
                    index.ids(),
                    index.flags());
        }
        if (f instanceof Folder.Container) {
            return MailboxView.refused(
                    ImapReply.no("CANNOT", shown(f.name()) + " holds folders, not messages"));
        }
        return empty(f.name(), uidValidity, highest, f instanceof Folder.Empty);
    }

    /**
     * For an email user without the fields that name blind copies, as the console shows it; the
     * size is that of what this login gets.
     */
    @Override
    public List<ImapMessage> fetch(
            ImapSession session, String mailbox, long[] uids, boolean content) {
        Optional<MailboxAccess> access = access(session);
        Optional<Folder.Quarantine> folder = access.flatMap(a -> quarantineFolder(a, mailbox));
        if (folder.isEmpty() || uids == null || uids.length == 0) {
            return List.of();
        }
        long[] asked = uids;
        boolean ownCopy = access.get().visibility().address() != null;
        String login = access.get().flagsKey();
        Map<Long, ImapMessage> found = new HashMap<>();
        if (!content) {
            List<Long> cut = new ArrayList<>();
            for (MailboxMessage m :
                    mailboxes.heads(folder.get().scope(), login, uids, HEADER_PREFIX)) {
                ImapMessage header = header(m, ownCopy);
                if (header == null) {
                    cut.add(m.id());
                } else {
                    found.put(m.id(), header);
                }
            }
            uids = cut.stream().mapToLong(Long::longValue).toArray();
        }
        for (MailboxMessage m : mailboxes.messages(folder.get().scope(), login, uids)) {
            byte[] bytes = ownCopy ? BlindCopyFields.remove(m.content()) : m.content();
            found.put(
                    m.id(),
                    new ImapMessage(
                            m.id(),
                            bytes.length,
                            m.createdAt(),
                            m.flags(),
                            content ? bytes : HeaderSection.of(bytes)));
        }
        List<ImapMessage> result = new ArrayList<>(found.size());
        for (long uid : asked) {
            ImapMessage m = found.remove(uid);
            if (m != null) {
                result.add(m);
            }
        }
        return result;
    }

    /**
     * The header section from a message's first octets, with the size of the whole message as this
     * login gets it (the blind-copy fields live in the header, so their length is all that
     * differs); null when the header section goes on beyond them.
     */
    private static ImapMessage header(MailboxMessage m, boolean ownCopy) {
        int end = HeaderSection.find(m.content());
        if (end < 0 && !m.whole()) {
            return null;
        }
        byte[] header = end < 0 ? m.content() : Arrays.copyOf(m.content(), end);
        long size = m.size();
        if (ownCopy) {
            byte[] shown = BlindCopyFields.remove(header);
            size -= header.length - shown.length;
            header = shown;
        }
        return new ImapMessage(m.id(), size, m.createdAt(), m.flags(), header);
    }

    /** Flags are the login's own (RFC 3501 section 6.4.6): another login's view is untouched. */
    @Override
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public List<ImapMessage> store(
            ImapSession session, String mailbox, long[] uids, int flags, ImapFlags.Store mode) {
        Optional<MailboxAccess> access = access(session);
        Optional<Folder.Quarantine> folder = access.flatMap(a -> quarantineFolder(a, mailbox));
        if (folder.isEmpty() || uids == null || uids.length == 0 || mode == null) {
            return List.of();
        }
        String login = access.get().flagsKey();
        MailboxIndex index = mailboxes.index(folder.get().scope(), login, uids);
        Map<Long, Integer> now = new HashMap<>();
        for (int i = 0; i < index.size(); i++) {
            int before = index.flags()[i];
            int after = mode.apply(before, flags);
            if (after != before) {
                mailboxes.setFlags(login, index.ids()[i], after);
            }
            now.put(index.ids()[i], after);
        }
        List<ImapMessage> result = new ArrayList<>(now.size());
        for (long uid : uids) {
            Integer f = now.remove(uid);
            if (f != null) {
                result.add(new ImapMessage(uid, 0, null, f, null));
            }
        }
        return result;
    }

    /** Deletes each message as {@link QuarantineService.Action#DELETE} does for this login. */
    @Override
    public long[] expunge(ImapSession session, String mailbox, long[] uids) {
        Optional<MailboxAccess> access = access(session);
        Optional<Folder.Quarantine> folder = access.flatMap(a -> quarantineFolder(a, mailbox));
        if (folder.isEmpty() || uids == null || uids.length == 0) {
            return new long[0];
        }
        String login = access.get().flagsKey();
        long[] visible = mailboxes.index(folder.get().scope(), login, uids).ids();
        Set<Long> left = new HashSet<>();
        for (long id : visible) {
            try {
                quarantine.act(access.get().caller(), id, QuarantineService.Action.DELETE, null);
                left.add(id);
            } catch (NotFound e) {
                left.add(id);
            } catch (RuntimeException e) {
                LOG.info(
                        session.id() + ": held message " + id + " not expunged: " + e.getMessage());
            }
        }
        return gone(folder.get(), login, visible, left);
    }

    /**
     * Into an action folder the message is acted on (RFC 3501 section 6.4.7, RFC 6851 for MOVE):
     * released once, released and learned as ham, or learned as spam; a MOVE into {@code Train as
     * Spam} deletes it from the quarantine after learning, since a move leaves nothing behind. OK
     * when at least one message was done (the text counts them), NO when none was.
     */
    @Override
    public CopyResult copy(
            ImapSession session, String source, long[] uids, String target, boolean move) {
        Optional<MailboxAccess> access = access(session);
        if (access.isEmpty()) {
            return new CopyResult(ACCESS_GONE, new long[0]);
        }
        MailboxAccess a = access.get();
        Optional<Folder> from = resolve(a, source);
        Optional<Folder> to = resolve(a, target);
        if (from.isEmpty()) {
            return new CopyResult(NO_SUCH_FOLDER, new long[0]);
        }
        if (to.isEmpty()) {
            return new CopyResult(
                    ImapReply.no("TRYCREATE", "No folder " + shown(target)), new long[0]);
        }
        if (!(to.get() instanceof Folder.ActionFolder action)) {
            return new CopyResult(
                    ImapReply.no(
                            "CANNOT",
                            "Messages go into Release, Release and Train or Train as Spam only"),
                    new long[0]);
        }
        if (!(from.get() instanceof Folder.Quarantine folder) || uids == null || uids.length == 0) {
            return new CopyResult(ImapReply.ok("No messages to act on"), new long[0]);
        }
        String login = a.flagsKey();
        long[] visible = mailboxes.index(folder.scope(), login, uids).ids();
        if (visible.length == 0) {
            return new CopyResult(ImapReply.ok("No messages to act on"), new long[0]);
        }
        CopyTally tally = new CopyTally(action.action());
        boolean leaves = move || action.action() != QuarantineService.Action.TRAIN_SPAM;
        Set<Long> left = new HashSet<>();
        for (long id : visible) {
            CopyTally.Result r = act(session, a.caller(), id, action.action(), move);
            tally.add(r);
            if (r.kind() == CopyTally.Result.Kind.GONE
                    || (leaves && r.kind() != CopyTally.Result.Kind.FAILED)) {
                left.add(id);
            }
        }
        return new CopyResult(tally.reply(), gone(folder, login, visible, left));
    }

    /**
     * {@code Train as Spam} learns a message from elsewhere as spam for the login's domain
     * (cluster-wide for administrators). A reseller owns many domains and names none here, so it
     * trains through a held message (copy into {@code Train as Spam}) or the API instead.
     */
    @Override
    public ImapReply append(
            ImapSession session, String mailbox, Path message, int flags, Instant date) {
        Optional<MailboxAccess> access = access(session);
        if (access.isEmpty()) {
            return ACCESS_GONE;
        }
        Optional<Folder> folder = resolve(access.get(), mailbox);
        if (folder.isEmpty()) {
            return ImapReply.no("TRYCREATE", "No folder " + shown(mailbox));
        }
        if (!(folder.get() instanceof Folder.ActionFolder f)
                || f.action() != QuarantineService.Action.TRAIN_SPAM) {
            return ImapReply.no("CANNOT", "Only Train as Spam takes messages from elsewhere");
        }
        MailboxLogin login = access.get().login();
        String scope =
                switch (login.role()) {
                    case ADMIN -> "";
                    case DOMAIN -> LowerCase.of(login.username());
                    case EMAIL_USER ->
                            LowerCase.of(
                                    login.username()
                                            .substring(login.username().lastIndexOf('@') + 1));
                    case RESELLER -> null;
                };
        if (scope == null) {
            return ImapReply.no(
                    "CANNOT",
                    "A reseller trains through a domain: copy a held message into Train as Spam");
        }
        byte[] bytes;
        try {
            if (Files.size(message) > MAX_APPEND) {
                return ImapReply.no("TOOBIG", "The message is too large to learn");
            }
            bytes = Files.readAllBytes(message);
        } catch (IOException e) {
            LOG.warning(session.id() + ": appended message unreadable: " + e.getMessage());
            return ImapReply.unavailable();
        }
        training.learn(bytes, true, scope, false);
        LOG.info(
                session.id()
                        + ": "
                        + login.identity()
                        + " trained a message as spam for "
                        + (scope.isEmpty() ? "every domain" : scope));
        return ImapReply.ok("Learned as spam");
    }

    /** One message into an action folder; exceptions of the service become the outcome. */
    private CopyTally.Result act(
            ImapSession session,
            Caller caller,
            long id,
            QuarantineService.Action action,
            boolean move) {
        try {
            quarantine.act(caller, id, action, null);
            if (move && action == QuarantineService.Action.TRAIN_SPAM) {
                quarantine.act(caller, id, QuarantineService.Action.DELETE, null);
            }
            return CopyTally.Result.done();
        } catch (Conflict e) {
            return CopyTally.Result.already();
        } catch (NotFound e) {
            return CopyTally.Result.gone();
        } catch (Forbidden e) {
            return CopyTally.Result.failed("NOPERM", e.getMessage());
        } catch (InvalidRequest e) {
            return CopyTally.Result.failed("CANNOT", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warning(session.id() + ": held message " + id + " not acted on: " + e);
            return CopyTally.Result.failed("UNAVAILABLE", "Temporary failure, try again later");
        }
    }

    /**
     * Those of {@code before} (ascending) no longer in the folder: the ones the actions took out of
     * this login's view ({@code left}: released for it, deleted, or gone already), and any other
     * that the folder, read again, no longer holds (another session's doing).
     */
    private long[] gone(Folder.Quarantine folder, String login, long[] before, Set<Long> left) {
        long[] still = mailboxes.index(folder.scope(), login, before).ids();
        long[] gone = new long[before.length];
        int n = 0;
        int j = 0;
        for (long id : before) {
            while (j < still.length && still[j] < id) {
                j++;
            }
            if (j < still.length && still[j] == id && !left.contains(id)) {
                continue;
            }
            gone[n++] = id;
        }
        return Arrays.copyOf(gone, n);
    }

    private Optional<MailboxAccess> access(ImapSession session) {
        return MailboxLogin.parse(session.identity())
                .flatMap(login -> live.access(login, session.clientAddress()));
    }

    private Optional<Folder> resolve(MailboxAccess access, String name) {
        Predicate<String> hosted = d -> domains.findByName(d).isPresent();
        return Folders.resolve(access, name, hosted);
    }

    private Optional<Folder.Quarantine> quarantineFolder(MailboxAccess access, String name) {
        return resolve(access, name)
                .filter(Folder.Quarantine.class::isInstance)
                .map(Folder.Quarantine.class::cast);
    }

    private static MailboxView empty(String name, long uidValidity, long highest, boolean ro) {
        return new MailboxView(
                ImapReply.ok("Folder ready"),
                name,
                uidValidity,
                highest + 1,
                ro,
                new long[0],
                new int[0]);
    }

    private static boolean sameName(String a, String b) {
        return LowerCase.of(a.strip()).equals(LowerCase.of(b.strip()));
    }

    /** A folder name for reply text: one line, short. */
    static String shown(String name) {
        if (name == null) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < name.length() && s.length() < 100; i++) {
            char c = name.charAt(i);
            s.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return s.toString();
    }
}
