package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The IMAP quarantine through the Jakarta Mail IMAP client (Angus Mail), as a Java mail client
 * would use it, over STARTTLS and implicit TLS: each kind of login and the folders it sees, each
 * folder action (release, release and train, train as spam by COPY, MOVE and APPEND, delete by
 * EXPUNGE), flags and UIDs that last across sessions and a restart, IDLE telling of a newly held
 * message, and the refusals (wrong password, a foreign message into the quarantine, a copy between
 * quarantine folders, an unknown folder). What the gateway did is checked where a user would see
 * it: at the destination mail server, in the API's quarantine, in the classifier's training counts.
 */
@GatewayTest
@RunAsClient
class ImapQuarantineIT {

    private static final String RESELLER_PASSWORD = "Imap-Reseller-Secret-16";

    @RegisterExtension static final Resellers RESELLERS = new Resellers(RESELLER_PASSWORD);

    private static final String SENDER = "spammer@sender.example";

    private final Api admin = Gateway.admin();

    /** A session of the Jakarta Mail client; {@code local} is the client's loopback address. */
    private static Session session(boolean implicitTls, String local) {
        Properties p = new Properties();
        String protocol = implicitTls ? "imaps" : "imap";
        p.put("mail.store.protocol", protocol);
        p.put("mail." + protocol + ".host", Gateway.HOST);
        p.put(
                "mail." + protocol + ".port",
                String.valueOf(implicitTls ? Gateway.IMAPS_PORT : Gateway.IMAP_PORT));
        p.put("mail." + protocol + ".connectiontimeout", "10000");
        p.put("mail." + protocol + ".timeout", "30000");
        if (!implicitTls) {
            p.put("mail.imap.starttls.enable", "true");
            p.put("mail.imap.starttls.required", "true");
        }
        p.put("mail." + protocol + ".ssl.trust", "*");
        // The test server's self-signed certificate names mx.filtermx.test, not 127.0.0.1.
        p.put("mail." + protocol + ".ssl.checkserveridentity", "false");
        if (local != null) {
            p.put("mail." + protocol + ".localaddress", local);
        }
        return Session.getInstance(p);
    }

    private static Store connect(String user, String password, boolean implicitTls)
            throws MessagingException {
        return connectFrom(null, user, password, implicitTls);
    }

    private static Store connectFrom(
            String local, String user, String password, boolean implicitTls)
            throws MessagingException {
        Session session = session(implicitTls, local);
        Store store = session.getStore(implicitTls ? "imaps" : "imap");
        store.connect(
                Gateway.HOST, implicitTls ? Gateway.IMAPS_PORT : Gateway.IMAP_PORT, user, password);
        return store;
    }

    private static List<String> folderNames(Store store) throws MessagingException {
        List<String> names = new ArrayList<>();
        for (Folder f : store.getDefaultFolder().list("*")) {
            names.add(f.getFullName());
        }
        return names;
    }

    private static List<String> subjects(Folder folder) throws MessagingException {
        List<String> subjects = new ArrayList<>();
        for (Message m : folder.getMessages()) {
            subjects.add(m.getSubject());
        }
        return subjects;
    }

    private static Message bySubject(Folder folder, String subject) throws MessagingException {
        for (Message m : folder.getMessages()) {
            if (subject.equals(m.getSubject())) {
                return m;
            }
        }
        throw new AssertionError("no message '" + subject + "' in " + subjects(folder));
    }

    private static String unique(String text) {
        return text + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aDomainLoginSeesItsQuarantineFoldersOverStartTlsAndImplicitTls() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = HeldMessages.holdingDomain("imap-folders", sink.port());
            String subject = unique("Held for the domain");
            HeldMessages.hold(domain, SENDER, List.of("bob@" + domain), subject);
            for (boolean implicitTls : new boolean[] {false, true}) {
                Store store = connect(domain, HeldMessages.DOMAIN_PASSWORD, implicitTls);
                try {
                    assertThat(folderNames(store))
                            .as("implicit TLS " + implicitTls)
                            .contains(
                                    "INBOX",
                                    "Outgoing",
                                    "Release",
                                    "Release and Train",
                                    "Train as Spam");
                    IMAPFolder junk = (IMAPFolder) store.getFolder("Train as Spam");
                    assertThat(junk.getAttributes()).contains("\\Junk");

                    Folder inbox = store.getFolder("INBOX");
                    inbox.open(Folder.READ_ONLY);
                    assertThat(inbox.getMessageCount()).isEqualTo(1);
                    Message m = inbox.getMessages()[0];
                    assertThat(m.getSubject()).isEqualTo(subject);
                    assertThat(((InternetAddress) m.getFrom()[0]).getAddress()).isEqualTo(SENDER);
                    assertThat(m.getSize()).isPositive();
                    assertThat(m.getReceivedDate()).isNotNull();
                    assertThat(String.valueOf(m.getContent())).contains("GTUBE");
                    inbox.close(false);

                    Folder outgoing = store.getFolder("Outgoing");
                    outgoing.open(Folder.READ_ONLY);
                    assertThat(outgoing.getMessageCount()).isZero();
                    outgoing.close(false);
                } finally {
                    store.close();
                }
            }
        }
    }

    @Test
    void anEmailUserSeesItsOwnQuarantineOnly() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = HeldMessages.holdingDomain("imap-user", sink.port());
            String bob = HeldMessages.addUser(domain, "bob");
            String carol = HeldMessages.addUser(domain, "carol");
            String bobs = unique("For Bob");
            String carols = unique("For Carol");
            String both = unique("For both");
            HeldMessages.hold(domain, SENDER, List.of(bob), bobs);
            HeldMessages.hold(domain, SENDER, List.of(carol), carols);
            HeldMessages.hold(domain, SENDER, List.of(bob, carol), both);

            Store store = connect(bob, HeldMessages.USER_PASSWORD, true);
            try {
                assertThat(folderNames(store)).contains("INBOX", "Release", "Train as Spam");
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                assertThat(subjects(inbox)).containsExactlyInAnyOrder(bobs, both);
            } finally {
                store.close();
            }
            Store domainStore = connect(domain, HeldMessages.DOMAIN_PASSWORD, false);
            try {
                Folder inbox = domainStore.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                assertThat(subjects(inbox)).contains(bobs, carols, both);
            } finally {
                domainStore.close();
            }
        }
    }

    @Test
    void copyIntoReleaseDeliversOnce() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = HeldMessages.holdingDomain("imap-release", sink.port());
            String subject = unique("Release me");
            String kept = unique("Keep me");
            HeldMessages.hold(domain, SENDER, List.of("bob@" + domain), subject);
            HeldMessages.hold(domain, SENDER, List.of("bob@" + domain), kept);
            assertThat(sink.messagesAfter(Duration.ofMillis(1500))).isEmpty();

            long uid;
            boolean expungedInSession;
            Store store = connect(domain, HeldMessages.DOMAIN_PASSWORD, false);
            try {
                IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
                inbox.open(Folder.READ_WRITE);
                Message m = bySubject(inbox, subject);
                uid = inbox.getUID(m);
                inbox.copyMessages(new Message[] {m}, store.getFolder("Release"));
                String delivered = sink.awaitMessages(1, Duration.ofSeconds(20)).get(0);
                assertThat(delivered).contains("Subject: " + subject).contains("bob@" + domain);
                // RFC 3501 section 7.4.1: the released message's EXPUNGE came with the reply;
                // Jakarta Mail marks the message expunged (and keeps counting it until the
                // client expunges).
                expungedInSession = m.isExpunged();
            } finally {
                store.close();
            }
            assertThat(HeldMessages.heldSubjects(domain)).containsExactly(kept);

            // The released message is gone for the next session, and copying it again by its
            // UID releases nothing more.
            Store again = connect(domain, HeldMessages.DOMAIN_PASSWORD, true);
            try {
                IMAPFolder inbox = (IMAPFolder) again.getFolder("INBOX");
                inbox.open(Folder.READ_WRITE);
                assertThat(inbox.getMessageByUID(uid)).isNull();
                assertThat(subjects(inbox)).containsExactly(kept);
            } finally {
                again.close();
            }
            try (ImapConversation imap =
                    ImapConversation.loggedIn(domain, HeldMessages.DOMAIN_PASSWORD)) {
                imap.command("SELECT INBOX");
                imap.command("UID COPY " + uid + " Release");
            }
            assertThat(sink.messagesAfter(Duration.ofSeconds(3))).hasSize(1);
            assertThat(expungedInSession).as("EXPUNGE of the released message").isTrue();
        }
    }

    /**
     * The EXPUNGE responses on the wire (RFC 3501 section 7.4.1, RFC 6851 section 3.3) after a COPY
     * into {@code Release} and a MOVE into {@code Release and Train}, for a domain login and for an
     * email user.
     */
    @Test
    void copyAndMoveIntoActionFoldersAnswerWithTheExpungeOfWhatLeft() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = HeldMessages.holdingDomain("imap-expunged", sink.port());
            String bob = HeldMessages.addUser(domain, "bob");
            List<String> answers = new ArrayList<>();
            for (String[] login :
                    new String[][] {
                        {domain, HeldMessages.DOMAIN_PASSWORD}, {bob, HeldMessages.USER_PASSWORD}
                    }) {
                String copied = unique("Copied for " + login[0]);
                String moved = unique("Moved for " + login[0]);
                HeldMessages.hold(domain, SENDER, List.of(bob), copied);
                HeldMessages.hold(domain, SENDER, List.of(bob), moved);
                try (ImapConversation imap = ImapConversation.loggedIn(login[0], login[1])) {
                    assertThat(imap.command("SELECT INBOX")).contains("* 2 EXISTS");
                    List<Long> uids = ImapSecurityIT.searchUids(imap.command("UID SEARCH ALL"));
                    assertThat(uids).hasSize(2);
                    answers.add(
                            login[0]
                                    + " COPY: "
                                    + imap.command("UID COPY " + uids.get(0) + " Release"));
                    answers.add(
                            login[0]
                                    + " MOVE: "
                                    + imap.command(
                                            "UID MOVE " + uids.get(1) + " \"Release and Train\""));
                    answers.add(login[0] + " NOOP: " + imap.command("NOOP"));
                }
            }
            sink.awaitMessages(4, Duration.ofSeconds(30));
            String all = String.join("\n", answers);
            assertThat(answers.get(0)).as(all).contains("* 1 EXPUNGE").contains(" OK");
            assertThat(answers.get(1)).as(all).contains("* 1 EXPUNGE").contains(" OK");
            assertThat(answers.get(3)).as(all).contains("* 1 EXPUNGE").contains(" OK");
            assertThat(answers.get(4)).as(all).contains("* 1 EXPUNGE").contains(" OK");
        }
    }

    @Test
    void moveIntoReleaseAndTrainDeliversAndTrainsAsHam() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = HeldMessages.holdingDomain("imap-ham", sink.port());
            String subject = unique("Not spam after all");
            HeldMessages.hold(domain, SENDER, List.of("bob@" + domain), subject);
            long[] before = HeldMessages.trained(domain);

            boolean expungedInSession;
            Store store = connect(domain, HeldMessages.DOMAIN_PASSWORD, false);
            try {
                IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
                inbox.open(Folder.READ_WRITE);
                Message m = bySubject(inbox, subject);
                inbox.moveMessages(new Message[] {m}, store.getFolder("Release and Train"));
                // RFC 6851 section 3.3: MOVE sends the EXPUNGE of what it moved.
                expungedInSession = m.isExpunged();
            } finally {
                store.close();
            }
            assertThat(sink.awaitMessages(1, Duration.ofSeconds(20)).get(0))
                    .contains("Subject: " + subject);
            long[] after = HeldMessages.awaitTrainedChange(domain, before);
            assertThat(after[1]).as("ham learned").isEqualTo(before[1] + 1);
            assertThat(after[0]).as("spam learned").isEqualTo(before[0]);
            assertThat(HeldMessages.heldSubjects(domain)).doesNotContain(subject);
            assertThat(sink.messagesAfter(Duration.ofSeconds(2))).hasSize(1);
            Store again = connect(domain, HeldMessages.DOMAIN_PASSWORD, true);
            try {
                Folder inbox = again.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                assertThat(subjects(inbox)).as("INBOX in a new session").doesNotContain(subject);
            } finally {
                again.close();
            }
            assertThat(expungedInSession).as("EXPUNGE of the moved message").isTrue();
        }
    }

    @Test
    void copyAndAppendIntoTrainAsSpamTrainSpam() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = HeldMessages.holdingDomain("imap-spam", sink.port());
            String bob = HeldMessages.addUser(domain, "bob");
            String subject = unique("Surely spam");
            HeldMessages.hold(domain, SENDER, List.of(bob), subject);
            long[] before = HeldMessages.trained(domain);

            Store store = connect(bob, HeldMessages.USER_PASSWORD, false);
            try {
                IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
                inbox.open(Folder.READ_WRITE);
                Folder train = store.getFolder("Train as Spam");
                inbox.copyMessages(new Message[] {bySubject(inbox, subject)}, train);
                long[] copied = HeldMessages.awaitTrainedChange(domain, before);
                assertThat(copied[0]).as("spam learned by COPY").isEqualTo(before[0] + 1);
                assertThat(copied[1]).isEqualTo(before[1]);

                // A spam from the user's real mailbox, dragged into the folder.
                MimeMessage foreign = new MimeMessage(session(false, null));
                foreign.setFrom(new InternetAddress("pills@pharmacy.example"));
                foreign.setRecipient(Message.RecipientType.TO, new InternetAddress(bob));
                foreign.setSubject("Cheap pills, today only");
                foreign.setText("Buy cheap pills now at http://pharmacy.example/buy today only.");
                foreign.saveChanges();
                train.appendMessages(new Message[] {foreign});
                long[] appended = HeldMessages.awaitTrainedChange(domain, copied);
                assertThat(appended[0]).as("spam learned by APPEND").isEqualTo(copied[0] + 1);
                assertThat(appended[1]).isEqualTo(before[1]);
            } finally {
                store.close();
            }
            assertThat(sink.messagesAfter(Duration.ofSeconds(2))).isEmpty();
            assertThat(HeldMessages.heldSubjects(domain)).doesNotContain("Cheap pills, today only");
        }
    }

    @Test
    void quarantineFoldersRefuseForeignMessagesAndCopiesBetweenThem() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = HeldMessages.holdingDomain("imap-refuse", sink.port());
            String subject = unique("Stays held");
            HeldMessages.hold(domain, SENDER, List.of("bob@" + domain), subject);
            Store store = connect(domain, HeldMessages.DOMAIN_PASSWORD, false);
            try {
                MimeMessage foreign = new MimeMessage(session(false, null));
                foreign.setFrom(new InternetAddress("someone@sender.example"));
                foreign.setSubject("Not from the quarantine");
                foreign.setText("hello");
                foreign.saveChanges();
                for (String name : List.of("INBOX", "Outgoing", "Release")) {
                    Folder target = store.getFolder(name);
                    assertThatThrownBy(() -> target.appendMessages(new Message[] {foreign}))
                            .as("APPEND into " + name)
                            .isInstanceOf(MessagingException.class)
                            .hasMessageContaining("CANNOT");
                }
                IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
                inbox.open(Folder.READ_WRITE);
                Message m = bySubject(inbox, subject);
                assertThatThrownBy(
                                () ->
                                        inbox.copyMessages(
                                                new Message[] {m}, store.getFolder("Outgoing")))
                        .isInstanceOf(MessagingException.class)
                        .hasMessageContaining("CANNOT");
                assertThatThrownBy(
                                () ->
                                        inbox.copyMessages(
                                                new Message[] {m}, store.getFolder("No Such")))
                        .isInstanceOf(FolderNotFoundException.class);
                assertThat(inbox.getMessageCount()).isEqualTo(1);
            } finally {
                store.close();
            }
            assertThat(HeldMessages.heldSubjects(domain))
                    .containsExactly(subject)
                    .doesNotContain("Not from the quarantine");
            assertThat(sink.messagesAfter(Duration.ofSeconds(2))).isEmpty();
        }
    }

    @Test
    void deletedAndExpungedMessagesLeaveTheQuarantine() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = HeldMessages.holdingDomain("imap-expunge", sink.port());
            String gone = unique("Delete me");
            String kept = unique("Keep me");
            long goneId = HeldMessages.hold(domain, SENDER, List.of("bob@" + domain), gone);
            HeldMessages.hold(domain, SENDER, List.of("bob@" + domain), kept);
            Store store = connect(domain, HeldMessages.DOMAIN_PASSWORD, true);
            try {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_WRITE);
                bySubject(inbox, gone).setFlag(Flags.Flag.DELETED, true);
                // Flagged only: still held until the expunge.
                assertThat(HeldMessages.heldSubjects(domain)).contains(gone);
                Message[] expunged = inbox.expunge();
                assertThat(expunged).hasSize(1);
                assertThat(subjects(inbox)).containsExactly(kept);
            } finally {
                store.close();
            }
            assertThat(HeldMessages.heldSubjects(domain)).containsExactly(kept);
            assertThat(HeldMessages.stillHeld(goneId)).isFalse();
            assertThat(sink.messagesAfter(Duration.ofSeconds(1))).isEmpty();
        }
    }

    @Test
    void flagsUidsAndUidValidityLastAcrossSessions() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = HeldMessages.holdingDomain("imap-flags", sink.port());
            String first = unique("First");
            String second = unique("Second");
            HeldMessages.hold(domain, SENDER, List.of("bob@" + domain), first);
            HeldMessages.hold(domain, SENDER, List.of("bob@" + domain), second);

            long validity;
            long firstUid;
            long secondUid;
            Store store = connect(domain, HeldMessages.DOMAIN_PASSWORD, false);
            try {
                IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
                inbox.open(Folder.READ_WRITE);
                validity = inbox.getUIDValidity();
                Message m1 = bySubject(inbox, first);
                Message m2 = bySubject(inbox, second);
                firstUid = inbox.getUID(m1);
                secondUid = inbox.getUID(m2);
                assertThat(firstUid).isNotEqualTo(secondUid);
                assertThat(inbox.getUIDNext()).isGreaterThan(Math.max(firstUid, secondUid));
                inbox.setFlags(new Message[] {m1}, new Flags(Flags.Flag.FLAGGED), true);
                inbox.setFlags(new Message[] {m1}, new Flags(Flags.Flag.SEEN), true);
                inbox.setFlags(new Message[] {m2}, new Flags(Flags.Flag.SEEN), false);
            } finally {
                store.close();
            }

            Store again = connect(domain, HeldMessages.DOMAIN_PASSWORD, true);
            try {
                IMAPFolder inbox = (IMAPFolder) again.getFolder("INBOX");
                inbox.open(Folder.READ_WRITE);
                assertThat(inbox.getUIDValidity()).isEqualTo(validity);
                Message m1 = inbox.getMessageByUID(firstUid);
                Message m2 = inbox.getMessageByUID(secondUid);
                assertThat(m1.getSubject()).isEqualTo(first);
                assertThat(m2.getSubject()).isEqualTo(second);
                assertThat(m1.getFlags().contains(Flags.Flag.FLAGGED)).isTrue();
                assertThat(m1.getFlags().contains(Flags.Flag.SEEN)).isTrue();
                assertThat(m2.getFlags().contains(Flags.Flag.FLAGGED)).isFalse();
                assertThat(m2.getFlags().contains(Flags.Flag.SEEN)).isFalse();
                inbox.setFlags(new Message[] {m1}, new Flags(Flags.Flag.FLAGGED), false);
            } finally {
                again.close();
            }
            Store third = connect(domain, HeldMessages.DOMAIN_PASSWORD, false);
            try {
                IMAPFolder inbox = (IMAPFolder) third.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                Flags flags = inbox.getMessageByUID(firstUid).getFlags();
                assertThat(flags.contains(Flags.Flag.FLAGGED)).isFalse();
                assertThat(flags.contains(Flags.Flag.SEEN)).isTrue();
            } finally {
                third.close();
            }
        }
    }

    @Test
    void uidsAndUidValidityLastAcrossARestart() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = HeldMessages.holdingDomain("imap-restart", sink.port());
            String subject = unique("Survives a restart");
            HeldMessages.hold(domain, SENDER, List.of("bob@" + domain), subject);
            long validity;
            long uid;
            Store store = connect(domain, HeldMessages.DOMAIN_PASSWORD, false);
            try {
                IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
                inbox.open(Folder.READ_WRITE);
                validity = inbox.getUIDValidity();
                Message m = bySubject(inbox, subject);
                uid = inbox.getUID(m);
                m.setFlag(Flags.Flag.FLAGGED, true);
            } finally {
                store.close();
            }
            try {
                Gateway.restartWith(java.util.Map.of());
            } finally {
                assertThat(Gateway.awaitHealthy(Duration.ofSeconds(120)))
                        .as("gateway up again")
                        .isTrue();
            }
            Store again = connect(domain, HeldMessages.DOMAIN_PASSWORD, true);
            try {
                IMAPFolder inbox = (IMAPFolder) again.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                assertThat(inbox.getUIDValidity()).isEqualTo(validity);
                Message m = inbox.getMessageByUID(uid);
                assertThat(m).isNotNull();
                assertThat(m.getSubject()).isEqualTo(subject);
                assertThat(m.getFlags().contains(Flags.Flag.FLAGGED)).isTrue();
            } finally {
                again.close();
            }
        }
    }

    @Test
    void idleTellsOfANewlyHeldMessage() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = HeldMessages.holdingDomain("imap-idle", sink.port());
            HeldMessages.hold(domain, SENDER, List.of("bob@" + domain), unique("Already held"));
            Store store = connect(domain, HeldMessages.DOMAIN_PASSWORD, false);
            try {
                IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
                inbox.open(Folder.READ_WRITE);
                assertThat(inbox.getMessageCount()).isEqualTo(1);
                CountDownLatch added = new CountDownLatch(1);
                inbox.addMessageCountListener(
                        new MessageCountAdapter() {
                            @Override
                            public void messagesAdded(MessageCountEvent e) {
                                added.countDown();
                            }
                        });
                AtomicBoolean done = new AtomicBoolean();
                List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
                Thread idler =
                        new Thread(
                                () -> {
                                    try {
                                        while (!done.get()) {
                                            inbox.idle(true);
                                        }
                                    } catch (MessagingException | RuntimeException e) {
                                        if (!done.get()) {
                                            failures.add(e);
                                        }
                                    }
                                },
                                "imap-idle");
                idler.start();
                Thread.sleep(1000);
                String subject = unique("Held while idling");
                HeldMessages.hold(domain, SENDER, List.of("bob@" + domain), subject);
                boolean told = added.await(20, TimeUnit.SECONDS);
                done.set(true);
                assertThat(failures).isEmpty();
                assertThat(told).as("EXISTS during IDLE within 20 s").isTrue();
                // Ends the IDLE (DONE) as another operation on the folder does.
                assertThat(inbox.getMessageCount()).isEqualTo(2);
                idler.join(10_000);
                assertThat(subjects(inbox)).contains(subject);
            } finally {
                store.close();
            }
        }
    }

    /**
     * Held outgoing mail (refused as spam at the submission port) is in the domain login's {@code
     * Outgoing}, not in its {@code INBOX}; the domain login may not release it (as in the API), an
     * administrator sees it under {@code <domain>/Outgoing}.
     */
    @Test
    void heldOutgoingMailIsInOutgoingAndTheDomainLoginCannotReleaseIt() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = HeldMessages.holdingDomain("imap-out", sink.port());
            Api.Response user =
                    admin.post(
                            "/outgoing-users",
                            "{\"domain\":\""
                                    + domain
                                    + "\",\"username\":\"shop\",\"password\":\""
                                    + HeldMessages.USER_PASSWORD
                                    + "\"}");
            assertThat(user.status()).as(user.toString()).isEqualTo(201);
            String subject = unique("Outgoing pills");
            Submission.Result refused =
                    Submission.send(
                            Submission.Port.STARTTLS,
                            Submission.Auth.PLAIN,
                            "shop@" + domain,
                            HeldMessages.USER_PASSWORD,
                            "alice@" + domain,
                            List.of("victim@remote.test"),
                            "From: Alice <alice@"
                                    + domain
                                    + ">\r\nTo: <victim@remote.test>\r\nSubject: "
                                    + subject
                                    + "\r\nMessage-ID: <"
                                    + UUID.randomUUID()
                                    + "@"
                                    + domain
                                    + ">\r\n\r\n"
                                    + FilteringIT.GTUBE
                                    + "\r\n");
            assertThat(refused.last()).startsWith("550 5.7.1");
            List<java.util.Map<String, Object>> held =
                    admin.get("/quarantine?direction=outgoing&domain=" + domain).jsonArray();
            assertThat(held).as("held outgoing").hasSize(1);

            Store store = connect(domain, HeldMessages.DOMAIN_PASSWORD, false);
            try {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                assertThat(subjects(inbox)).doesNotContain(subject);
                inbox.close(false);
                IMAPFolder outgoing = (IMAPFolder) store.getFolder("Outgoing");
                outgoing.open(Folder.READ_WRITE);
                assertThat(subjects(outgoing)).containsExactly(subject);
                Message m = outgoing.getMessages()[0];
                assertThatThrownBy(
                                () ->
                                        outgoing.copyMessages(
                                                new Message[] {m}, store.getFolder("Release")))
                        .isInstanceOf(MessagingException.class);
                assertThat(m.isExpunged()).isFalse();
            } finally {
                store.close();
            }
            assertThat(admin.get("/quarantine?direction=outgoing&domain=" + domain).jsonArray())
                    .as("still held")
                    .hasSize(1);

            Store adminStore = connect("admin", Gateway.ADMIN_PASSWORD, true);
            try {
                Folder outgoing = adminStore.getFolder(domain + "/Outgoing");
                outgoing.open(Folder.READ_ONLY);
                assertThat(subjects(outgoing)).containsExactly(subject);
            } finally {
                adminStore.close();
            }
        }
    }

    @Test
    void resellersAndTheAdministratorSeeAFolderTreePerDomain() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String reseller = RESELLERS.addUnique("imap-res");
            String domain = Gateway.uniqueDomain("imap-tree");
            RESELLERS.as(reseller).addTenantDomain(domain, sink.port());
            HeldMessages.holdSpam(domain);
            String subject = unique("Held for the reseller");
            HeldMessages.hold(domain, SENDER, List.of("bob@" + domain), subject);
            String foreign = HeldMessages.holdingDomain("imap-not-theirs", sink.port());

            Store store = connect(reseller, RESELLER_PASSWORD, false);
            try {
                List<String> names = folderNames(store);
                assertThat(names).contains("INBOX", domain + "/INBOX", domain + "/Outgoing");
                assertThat(names).noneMatch(n -> n.startsWith(foreign));
                Folder inbox = store.getFolder(domain + "/INBOX");
                inbox.open(Folder.READ_ONLY);
                assertThat(subjects(inbox)).containsExactly(subject);
                Folder theirs = store.getFolder(foreign + "/INBOX");
                assertThatThrownBy(() -> theirs.open(Folder.READ_ONLY))
                        .isInstanceOf(MessagingException.class);
            } finally {
                store.close();
            }
            Store adminStore = connect("admin", Gateway.ADMIN_PASSWORD, true);
            try {
                Folder inbox = adminStore.getFolder(domain + "/INBOX");
                inbox.open(Folder.READ_ONLY);
                assertThat(subjects(inbox)).containsExactly(subject);
            } finally {
                adminStore.close();
            }
        }
    }

    @Test
    void twoStepAccountsLogInWithAnApiTokenAndNotTheirPassword() throws Exception {
        String reseller = RESELLERS.addUnique("imap-2fa");
        Api api = RESELLERS.as(reseller).via("192.0.2.163");
        Api.Response token =
                api.post(
                        "/tokens",
                        "{\"name\":\"mail client\",\"password\":\"" + RESELLER_PASSWORD + "\"}");
        assertThat(token.status()).as(token.toString()).isEqualTo(201);
        String appPassword = (String) token.json().get("secret");
        Api.Response setup = api.post("/me/totp", "{\"password\":\"" + RESELLER_PASSWORD + "\"}");
        assertThat(setup.status()).as(setup.toString()).isEqualTo(200);
        String code =
                TwoStepLoginIT.code(
                        (String) setup.json().get("secret"),
                        System.currentTimeMillis() / 1000 / 30);
        assertThat(api.post("/me/totp/confirm", "{\"code\":\"" + code + "\"}").status())
                .isEqualTo(204);

        assertThatThrownBy(() -> connectFrom("127.0.0.62", reseller, RESELLER_PASSWORD, false))
                .isInstanceOf(AuthenticationFailedException.class);
        Store store = connectFrom("127.0.0.62", reseller, appPassword, true);
        try {
            assertThat(folderNames(store)).contains("INBOX");
        } finally {
            store.close();
        }
    }

    @Test
    void aWrongPasswordIsRefusedAsAuthenticationFailed() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = HeldMessages.holdingDomain("imap-wrong", sink.port());
            for (boolean implicitTls : new boolean[] {false, true}) {
                assertThatThrownBy(
                                () ->
                                        connectFrom(
                                                "127.0.0.63",
                                                domain,
                                                "Not-The-Password-1",
                                                implicitTls))
                        .isInstanceOf(AuthenticationFailedException.class)
                        .hasMessageContaining("AUTHENTICATIONFAILED");
            }
            connectFrom("127.0.0.63", domain, HeldMessages.DOMAIN_PASSWORD, false).close();
        }
    }
}
