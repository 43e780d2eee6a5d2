package org.filtermx.application.internal.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.filtermx.application.AccountService;
import org.filtermx.application.Caller;
import org.filtermx.application.TokenService;
import org.filtermx.application.TooManyAttempts;
import org.filtermx.application.internal.accounts.LoginThrottle;
import org.filtermx.application.internal.accounts.Tenancy;
import org.filtermx.application.internal.filtering.ClassifierTraining;
import org.filtermx.domain.model.account.AccountRole;
import org.filtermx.domain.model.account.TenancyRepository;
import org.filtermx.domain.model.account.UserAccount;
import org.filtermx.domain.model.account.UserAccountRepository;
import org.filtermx.domain.model.domain.DestinationRoute;
import org.filtermx.domain.model.domain.Domain;
import org.filtermx.domain.model.domain.DomainRepository;
import org.filtermx.imap.api.CopyResult;
import org.filtermx.imap.api.ImapFlags;
import org.filtermx.imap.api.ImapLogin;
import org.filtermx.imap.api.ImapMessage;
import org.filtermx.imap.api.ImapReply;
import org.filtermx.imap.api.ImapSession;
import org.filtermx.imap.api.MailboxInfo;
import org.filtermx.imap.api.MailboxView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quarantine's IMAP folders for each kind of login, over an in-memory quarantine: logins and
 * app passwords, the folder tree, what each folder holds, that no UID of another login is ever
 * fetched, flagged, expunged or acted on, and what a COPY or MOVE into the action folders does.
 */
class DefaultQuarantineMailboxesTest {

    private static final String ADDRESS = "192.0.2.7";
    private static final byte[] WITH_BCC =
            ("From: a@remote.test\r\nBcc: carol@example.com,\r\n dave@example.com\r\n"
                            + "Subject: Hi\r\n\r\nbody\r\n")
                    .getBytes(StandardCharsets.US_ASCII);

    /** Account name → role; removing one deletes the account. */
    private final Map<String, AccountRole> accounts = new HashMap<>();

    private final Map<String, String> passwords = new HashMap<>();
    private final Map<String, Caller> tokens = new HashMap<>();
    private final List<String> throttleSuccesses = new ArrayList<>();
    private final List<String> learned = new ArrayList<>();
    private boolean throttled;
    private Instant now = Instant.parse("2026-12-03T04:00:00Z");

    private FakeQuarantine quarantine;
    private DefaultQuarantineMailboxes mailboxes;

    private long forBobAndCarol;
    private long forCarol;
    private long outgoing;
    private long foreign;

    @BeforeEach
    void setUp() {
        accounts.put("example.com", AccountRole.DOMAIN);
        accounts.put("bob@example.com", AccountRole.EMAIL_USER);
        accounts.put("carol@example.com", AccountRole.EMAIL_USER);
        accounts.put("admin", AccountRole.ADMIN);
        accounts.put("reseller1", AccountRole.RESELLER);
        accounts.put("alice", AccountRole.ADMIN);
        passwords.put("example.com", "domain-pw");
        passwords.put("bob@example.com", "bob-pw");
        passwords.put("admin", "admin-pw");
        // alice has two-step login: her password alone never passes.
        tokens.put("fmx_alice_token", new Caller("alice", AccountRole.ADMIN));
        tokens.put("fmx_admin_token", new Caller("admin", AccountRole.ADMIN));

        UserAccountRepository accountRepository = accountRepository();
        Tenancy tenancy = new Tenancy(tenancyRepository(), accountRepository);
        quarantine = new FakeQuarantine(tenancy);
        forBobAndCarol =
                quarantine.hold(
                        "example.com", "INBOUND", WITH_BCC, "bob@example.com", "carol@example.com");
        forCarol = quarantine.hold("example.com", "INBOUND", WITH_BCC, "carol@example.com");
        outgoing = quarantine.hold("example.com", "OUTBOUND", WITH_BCC, "x@remote.test");
        foreign = quarantine.hold("other.org", "INBOUND", WITH_BCC, "dave@other.org");

        Clock clock =
                new Clock() {
                    @Override
                    public ZoneOffset getZone() {
                        return ZoneOffset.UTC;
                    }

                    @Override
                    public Clock withZone(java.time.ZoneId zone) {
                        return this;
                    }

                    @Override
                    public Instant instant() {
                        return now;
                    }
                };
        LoginThrottle throttle =
                new LoginThrottle() {
                    @Override
                    public void succeeded(String username, String address) {
                        throttleSuccesses.add(username + "@" + address);
                    }
                };
        ClassifierTraining training =
                new ClassifierTraining() {
                    @Override
                    public void learn(
                            byte[] message, boolean spam, String scope, boolean rspamdRequired) {
                        learned.add((spam ? "spam" : "ham") + " for '" + scope + "'");
                    }
                };
        mailboxes =
                new DefaultQuarantineMailboxes(
                        accountService(),
                        tokenService(),
                        throttle,
                        new LiveAccounts(accountRepository, tenancy, clock),
                        quarantine,
                        quarantine,
                        training,
                        domainRepository());
    }

    // --- logins

    @Test
    void aDomainAnEmailUserAndAnAdministratorLogInWithTheirPasswords() {
        assertThat(login("example.com", "domain-pw").identity()).isEqualTo("DOMAIN:example.com");
        assertThat(login("bob@example.com", "bob-pw").identity())
                .isEqualTo("EMAIL_USER:bob@example.com");
        assertThat(login("admin", "admin-pw").identity()).isEqualTo("ADMIN:admin");
        assertThat(throttleSuccesses).isEmpty();
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() {
        ImapLogin wrong = login("example.com", "nope");
        ImapLogin unknown = login("nobody.example", "nope");
        assertThat(wrong.authenticated()).isFalse();
        assertThat(wrong.reply()).isEqualTo(unknown.reply());
        assertThat(wrong.reply().code()).isEqualTo("AUTHENTICATIONFAILED");
    }

    @Test
    void aThrottledLoginIsATemporaryFailure() {
        throttled = true;
        ImapLogin refused = login("example.com", "domain-pw");
        assertThat(refused.authenticated()).isFalse();
        assertThat(refused.reply().code()).isEqualTo("UNAVAILABLE");
    }

    @Test
    void anAccountWithTwoStepLoginUsesItsApiTokenAsAppPassword() {
        assertThat(login("alice", "alice-password").authenticated()).isFalse();
        ImapLogin app = login("Alice", "fmx_alice_token");
        assertThat(app.identity()).isEqualTo("ADMIN:alice");
        assertThat(throttleSuccesses).containsExactly("Alice@" + ADDRESS);
    }

    @Test
    void anotherAccountsTokenIsNoAppPassword() {
        assertThat(login("alice", "fmx_admin_token").reply().code())
                .isEqualTo("AUTHENTICATIONFAILED");
        assertThat(login("example.com", "fmx_alice_token").authenticated()).isFalse();
        assertThat(throttleSuccesses).isEmpty();
    }

    @Test
    void aDeletedAccountLosesAccessOnceItsEntryExpires() {
        ImapSession bob = session("bob@example.com", "bob-pw");
        assertThat(mailboxes.select(bob, "INBOX").reply().ok()).isTrue();
        accounts.remove("bob@example.com");
        now = now.plus(LiveAccounts.TTL).plus(Duration.ofSeconds(1));
        assertThat(mailboxes.select(bob, "INBOX").reply().code()).isEqualTo("AUTHORIZATIONFAILED");
        assertThat(mailboxes.list(bob)).isEmpty();
        assertThat(mailboxes.fetch(bob, "INBOX", new long[] {forBobAndCarol}, true)).isEmpty();
    }

    // --- folders

    @Test
    void aDomainSeesItsQuarantinesAndTheActionFolders() {
        assertThat(names(mailboxes.list(session("example.com", "domain-pw"))))
                .containsExactly(
                        "INBOX", "Outgoing", "Release", "Release and Train", "Train as Spam");
        assertThat(mailboxes.list(session("example.com", "domain-pw")))
                .filteredOn(f -> f.name().equals("Train as Spam"))
                .extracting(MailboxInfo::attributes)
                .containsExactly(List.of("\\HasNoChildren", "\\Junk"));
    }

    @Test
    void anEmailUserHasNoOutgoingFolder() {
        ImapSession bob = session("bob@example.com", "bob-pw");
        assertThat(names(mailboxes.list(bob)))
                .containsExactly("INBOX", "Release", "Release and Train", "Train as Spam");
        assertThat(mailboxes.select(bob, "Outgoing").reply().code()).isEqualTo("NONEXISTENT");
    }

    @Test
    void anAdministratorSeesOneBranchPerDomain() {
        List<MailboxInfo> folders = mailboxes.list(session("admin", "admin-pw"));
        assertThat(names(folders))
                .containsExactly(
                        "INBOX",
                        "example.com",
                        "example.com/INBOX",
                        "example.com/Outgoing",
                        "other.org",
                        "other.org/INBOX",
                        "other.org/Outgoing",
                        "Release",
                        "Release and Train",
                        "Train as Spam");
        assertThat(folders.get(1).attributes()).containsExactly("\\Noselect", "\\HasChildren");
    }

    @Test
    void aResellerSeesItsOwnDomainsOnly() throws Exception {
        ImapSession reseller = identity("RESELLER:reseller1");
        assertThat(names(mailboxes.list(reseller)))
                .containsExactly(
                        "INBOX",
                        "example.com",
                        "example.com/INBOX",
                        "example.com/Outgoing",
                        "Release",
                        "Release and Train",
                        "Train as Spam");
        assertThat(mailboxes.select(reseller, "other.org/INBOX").reply().code())
                .isEqualTo("NONEXISTENT");
        assertThat(mailboxes.select(reseller, "example.com/INBOX").uids())
                .containsExactly(forBobAndCarol, forCarol);
    }

    @Test
    void eachFolderHoldsWhatItsLoginMaySee() {
        ImapSession domain = session("example.com", "domain-pw");
        MailboxView inbox = mailboxes.select(domain, "inbox");
        assertThat(inbox.name()).isEqualTo("INBOX");
        assertThat(inbox.uids()).containsExactly(forBobAndCarol, forCarol);
        assertThat(inbox.uidValidity()).isEqualTo(1_700_000_000L);
        assertThat(inbox.uidNext()).isGreaterThan(foreign);
        assertThat(inbox.readOnly()).isFalse();
        assertThat(mailboxes.select(domain, "Outgoing").uids()).containsExactly(outgoing);
        assertThat(mailboxes.select(domain, "Train as Spam").uids()).isEmpty();
        assertThat(mailboxes.select(session("bob@example.com", "bob-pw"), "INBOX").uids())
                .containsExactly(forBobAndCarol);
        ImapSession admin = session("admin", "admin-pw");
        assertThat(mailboxes.select(admin, "INBOX").uids()).isEmpty();
        assertThat(mailboxes.select(admin, "other.org/INBOX").uids()).containsExactly(foreign);
        assertThat(mailboxes.select(admin, "other.org").reply().code()).isEqualTo("CANNOT");
        assertThat(mailboxes.select(admin, "nowhere.test/INBOX").reply().code())
                .isEqualTo("NONEXISTENT");
    }

    // --- fetch and flags

    @Test
    void anEmailUserFetchesItsCopyWithoutTheBlindCopyList() {
        ImapSession bob = session("bob@example.com", "bob-pw");
        ImapMessage whole = mailboxes.fetch(bob, "INBOX", new long[] {forBobAndCarol}, true).get(0);
        String text = new String(whole.content(), StandardCharsets.US_ASCII);
        assertThat(text).doesNotContain("Bcc").doesNotContain("dave").endsWith("body\r\n");
        assertThat(whole.size()).isEqualTo(whole.content().length);
        ImapMessage header =
                mailboxes.fetch(bob, "INBOX", new long[] {forBobAndCarol}, false).get(0);
        assertThat(new String(header.content(), StandardCharsets.US_ASCII))
                .isEqualTo("From: a@remote.test\r\nSubject: Hi\r\n\r\n");
        assertThat(header.size()).isEqualTo(whole.size());
        ImapMessage asDomain =
                mailboxes
                        .fetch(
                                session("example.com", "domain-pw"),
                                "INBOX",
                                new long[] {forBobAndCarol},
                                true)
                        .get(0);
        assertThat(asDomain.content()).isEqualTo(WITH_BCC);
    }

    @Test
    void aHeaderLongerThanTheFirstReadIsReadWhole() {
        String longField =
                "X-Long: " + "a".repeat(DefaultQuarantineMailboxes.HEADER_PREFIX) + "\r\n";
        byte[] big =
                ("Bcc: dave@example.com\r\n" + longField + "\r\nbody\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
        long id = quarantine.hold("example.com", "INBOUND", big, "bob@example.com");
        byte[] noBody = "Subject: only a header\r\n".getBytes(StandardCharsets.US_ASCII);
        long headerOnly = quarantine.hold("example.com", "INBOUND", noBody, "bob@example.com");
        ImapSession bob = session("bob@example.com", "bob-pw");
        List<ImapMessage> heads = mailboxes.fetch(bob, "INBOX", new long[] {id, headerOnly}, false);
        assertThat(new String(heads.get(0).content(), StandardCharsets.US_ASCII))
                .isEqualTo(longField + "\r\n");
        assertThat(heads.get(0).size()).isEqualTo(longField.length() + 8);
        assertThat(heads.get(1).content()).isEqualTo(noBody);
        assertThat(heads.get(1).size()).isEqualTo(noBody.length);
        ImapMessage whole = mailboxes.fetch(bob, "INBOX", new long[] {id}, true).get(0);
        assertThat(whole.size()).isEqualTo(heads.get(0).size());
    }

    @Test
    void fetchKeepsTheOrderAskedForAndLeavesOutWhatIsNotThere() {
        ImapSession domain = session("example.com", "domain-pw");
        assertThat(
                        mailboxes.fetch(
                                domain,
                                "INBOX",
                                new long[] {forCarol, 999, foreign, forBobAndCarol},
                                false))
                .extracting(ImapMessage::uid)
                .containsExactly(forCarol, forBobAndCarol);
    }

    @Test
    void flagsBelongToTheLoginThatSetThem() {
        ImapSession domain = session("example.com", "domain-pw");
        ImapSession bob = session("bob@example.com", "bob-pw");
        long[] both = {forBobAndCarol};
        mailboxes.store(
                bob, "INBOX", both, ImapFlags.SEEN | ImapFlags.FLAGGED, ImapFlags.Store.ADD);
        List<ImapMessage> after =
                mailboxes.store(bob, "INBOX", both, ImapFlags.FLAGGED, ImapFlags.Store.REMOVE);
        assertThat(after).extracting(ImapMessage::flags).containsExactly(ImapFlags.SEEN);
        assertThat(mailboxes.select(bob, "INBOX").flags()).containsExactly(ImapFlags.SEEN);
        assertThat(mailboxes.select(domain, "INBOX").flags()).containsOnly(0);
    }

    // --- tenancy

    @Test
    void noUidOfAnotherLoginIsFetchedFlaggedExpungedOrActedOn() {
        ImapSession bob = session("bob@example.com", "bob-pw");
        long[] carols = {forCarol, foreign, outgoing};
        assertThat(mailboxes.fetch(bob, "INBOX", carols, true)).isEmpty();
        assertThat(mailboxes.store(bob, "INBOX", carols, ImapFlags.SEEN, ImapFlags.Store.ADD))
                .isEmpty();
        assertThat(mailboxes.expunge(bob, "INBOX", carols)).isEmpty();
        CopyResult copy = mailboxes.copy(bob, "INBOX", carols, "Release", true);
        assertThat(copy.reply().ok()).isTrue();
        assertThat(copy.goneFromSource()).isEmpty();
        assertThat(quarantine.done).isEmpty();
        assertThat(quarantine.flags).isEmpty();
        assertThat(quarantine.held).containsKeys(forCarol, foreign, outgoing);
    }

    @Test
    void anEmailUserExpungesOnlyItsOwnCopy() {
        ImapSession bob = session("bob@example.com", "bob-pw");
        assertThat(mailboxes.expunge(bob, "INBOX", new long[] {forBobAndCarol}))
                .containsExactly(forBobAndCarol);
        assertThat(mailboxes.select(bob, "INBOX").uids()).isEmpty();
        assertThat(mailboxes.select(session("example.com", "domain-pw"), "INBOX").uids())
                .contains(forBobAndCarol);
    }

    // --- copy and move

    @Test
    void aCopyIntoReleaseReleasesOnceAndTheMessageLeavesTheFolder() {
        ImapSession domain = session("example.com", "domain-pw");
        CopyResult first = mailboxes.copy(domain, "INBOX", new long[] {forCarol}, "Release", false);
        assertThat(first.reply().ok()).isTrue();
        assertThat(first.reply().text()).isEqualTo("Released 1 message");
        assertThat(first.goneFromSource()).containsExactly(forCarol);
        CopyResult again = mailboxes.copy(domain, "INBOX", new long[] {forCarol}, "Release", false);
        assertThat(again.reply().text()).isEqualTo("No messages to act on");
        assertThat(quarantine.done).containsExactly("RELEASE " + forCarol + " by example.com");
    }

    @Test
    void whatTheActionsTookAwayIsGoneEvenIfTheFolderIsReadBeforeTheyShow() {
        quarantine.staleReads = true;
        ImapSession domain = session("example.com", "domain-pw");
        long[] both = {forBobAndCarol, forCarol};
        assertThat(mailboxes.copy(domain, "INBOX", both, "Release", false).goneFromSource())
                .containsExactly(forBobAndCarol, forCarol);
        ImapSession admin = session("admin", "admin-pw");
        assertThat(mailboxes.expunge(admin, "other.org/INBOX", new long[] {foreign}))
                .containsExactly(foreign);
        assertThat(
                        mailboxes
                                .copy(domain, "Outgoing", new long[] {outgoing}, "Release", true)
                                .goneFromSource())
                .isEmpty();
    }

    @Test
    void releaseAndTrainReleasesAndTeachesHam() {
        CopyResult r =
                mailboxes.copy(
                        session("admin", "admin-pw"),
                        "other.org/INBOX",
                        new long[] {foreign},
                        "Release and Train",
                        true);
        assertThat(r.reply().text()).startsWith("Released and learned as ham 1 message");
        assertThat(r.goneFromSource()).containsExactly(foreign);
    }

    @Test
    void copyingIntoTrainAsSpamTrainsAndKeepsTheMessageWhileMovingDeletesIt() {
        ImapSession domain = session("example.com", "domain-pw");
        CopyResult copy =
                mailboxes.copy(domain, "INBOX", new long[] {forCarol}, "Train as Spam", false);
        assertThat(copy.reply().text()).isEqualTo("Learned as spam 1 message");
        assertThat(copy.goneFromSource()).isEmpty();
        CopyResult move =
                mailboxes.copy(domain, "INBOX", new long[] {forCarol}, "Train as Spam", true);
        assertThat(move.goneFromSource()).containsExactly(forCarol);
        assertThat(quarantine.done)
                .containsExactly(
                        "TRAIN_SPAM " + forCarol + " by example.com",
                        "TRAIN_SPAM " + forCarol + " by example.com",
                        "DELETE " + forCarol + " by example.com");
        assertThat(quarantine.held).doesNotContainKey(forCarol);
    }

    @Test
    void aDomainCannotReleaseItsHeldOutgoingMail() {
        CopyResult r =
                mailboxes.copy(
                        session("example.com", "domain-pw"),
                        "Outgoing",
                        new long[] {outgoing},
                        "Release",
                        true);
        assertThat(r.reply().ok()).isFalse();
        assertThat(r.reply().code()).isEqualTo("NOPERM");
        assertThat(r.goneFromSource()).isEmpty();
    }

    @Test
    void copiesBetweenQuarantineFoldersAndIntoUnknownFoldersAreRefused() {
        ImapSession domain = session("example.com", "domain-pw");
        long[] uid = {forCarol};
        assertThat(mailboxes.copy(domain, "INBOX", uid, "Outgoing", false).reply().code())
                .isEqualTo("CANNOT");
        assertThat(mailboxes.copy(domain, "INBOX", uid, "Archive", true).reply().code())
                .isEqualTo("TRYCREATE");
        assertThat(quarantine.done).isEmpty();
    }

    @Test
    void aPartlyFailedCopyIsOkAndSaysSo() {
        CopyTally tally = new CopyTally(org.filtermx.application.QuarantineService.Action.RELEASE);
        tally.add(CopyTally.Result.done());
        tally.add(CopyTally.Result.already());
        tally.add(CopyTally.Result.failed("NOPERM", "not yours\r\nto release"));
        ImapReply reply = tally.reply();
        assertThat(reply.ok()).isTrue();
        assertThat(reply.text())
                .isEqualTo(
                        "Released 1 message; 1 message had been released already;"
                                + " 1 message not: not yours  to release");
    }

    // --- append

    @Test
    void trainAsSpamLearnsAnAppendedMessageForTheLoginsDomain(@TempDir Path dir) throws Exception {
        Path message = Files.write(dir.resolve("m.eml"), WITH_BCC);
        assertThat(
                        mailboxes
                                .append(
                                        session("bob@example.com", "bob-pw"),
                                        "Train as Spam",
                                        message,
                                        0,
                                        null)
                                .ok())
                .isTrue();
        assertThat(
                        mailboxes
                                .append(
                                        session("admin", "admin-pw"),
                                        "Train as Spam",
                                        message,
                                        0,
                                        null)
                                .ok())
                .isTrue();
        assertThat(learned).containsExactly("spam for 'example.com'", "spam for ''");
    }

    @Test
    void otherFoldersRefuseAppendedMessages(@TempDir Path dir) throws Exception {
        Path message = Files.write(dir.resolve("m.eml"), WITH_BCC);
        ImapSession domain = session("example.com", "domain-pw");
        assertThat(mailboxes.append(domain, "INBOX", message, 0, null).code()).isEqualTo("CANNOT");
        assertThat(mailboxes.append(domain, "Release", message, 0, null).code())
                .isEqualTo("CANNOT");
        assertThat(mailboxes.append(domain, "Junk", message, 0, null).code())
                .isEqualTo("TRYCREATE");
        assertThat(
                        mailboxes
                                .append(
                                        identity("RESELLER:reseller1"),
                                        "Train as Spam",
                                        message,
                                        0,
                                        null)
                                .code())
                .isEqualTo("CANNOT");
        assertThat(learned).isEmpty();
    }

    // --- helpers

    private ImapLogin login(String username, String password) {
        return mailboxes.login(new ImapSession("s", ADDRESS, "TLSv1.3", null), username, password);
    }

    private ImapSession session(String username, String password) {
        ImapLogin login = login(username, password);
        assertThat(login.authenticated()).as(username + " logs in").isTrue();
        return identity(login.identity());
    }

    private static ImapSession identity(String identity) {
        return new ImapSession("s", ADDRESS, "TLSv1.3", identity);
    }

    private static List<String> names(List<MailboxInfo> folders) {
        return folders.stream().map(MailboxInfo::name).toList();
    }

    private AccountService accountService() {
        return proxy(
                AccountService.class,
                (method, args) -> {
                    if (!method.equals("authenticate") || args.length != 3) {
                        throw new UnsupportedOperationException(method);
                    }
                    if (throttled) {
                        throw new TooManyAttempts(60);
                    }
                    String user = (String) args[0];
                    return args[1].equals(passwords.get(user))
                            ? Optional.of(new Caller(user, accounts.get(user), (String) args[2]))
                            : Optional.empty();
                });
    }

    private TokenService tokenService() {
        return proxy(
                TokenService.class,
                (method, args) -> Optional.ofNullable(tokens.get((String) args[0])));
    }

    private UserAccountRepository accountRepository() {
        return proxy(
                UserAccountRepository.class,
                (method, args) -> {
                    String user = (String) args[0];
                    @SuppressWarnings("unchecked")
                    Set<AccountRole> roles = (Set<AccountRole>) args[1];
                    AccountRole role = accounts.get(user);
                    if (role == null || !roles.contains(role)) {
                        return Optional.empty();
                    }
                    UserAccount account = new UserAccount(user, "x", role);
                    setId(account, user.hashCode());
                    return Optional.of(account);
                });
    }

    private static TenancyRepository tenancyRepository() {
        return proxy(
                TenancyRepository.class,
                (method, args) ->
                        switch (method) {
                            case "resellerParents" -> Map.of();
                            case "domainsOwnedBy" -> List.of("example.com");
                            default -> throw new UnsupportedOperationException(method);
                        });
    }

    private static DomainRepository domainRepository() {
        Map<String, Domain> hosted = new HashMap<>();
        for (String d : List.of("example.com", "other.org")) {
            hosted.put(d, new Domain(d, List.of(new DestinationRoute("192.0.2.1", 25, 10))));
        }
        return proxy(
                DomainRepository.class,
                (method, args) ->
                        switch (method) {
                            case "findByName" -> Optional.ofNullable(hosted.get((String) args[0]));
                            case "findAll" -> List.copyOf(hosted.values());
                            default -> throw new UnsupportedOperationException(method);
                        });
    }

    private static void setId(UserAccount account, long id) {
        try {
            Field f = UserAccount.class.getDeclaredField("id");
            f.setAccessible(true);
            f.set(account, id);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(
                Proxy.newProxyInstance(
                        type.getClassLoader(),
                        new Class<?>[] {type},
                        (p, m, args) -> {
                            if (m.isDefault()) {
                                return java.lang.reflect.InvocationHandler.invokeDefault(
                                        p, m, args);
                            }
                            return answer.answer(m.getName(), args == null ? new Object[0] : args);
                        }));
    }
}
