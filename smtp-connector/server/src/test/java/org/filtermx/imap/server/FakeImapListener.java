package org.filtermx.imap.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.filtermx.imap.api.CopyResult;
import org.filtermx.imap.api.ImapFlags;
import org.filtermx.imap.api.ImapListener;
import org.filtermx.imap.api.ImapLogin;
import org.filtermx.imap.api.ImapMessage;
import org.filtermx.imap.api.ImapReply;
import org.filtermx.imap.api.ImapSession;
import org.filtermx.imap.api.MailboxInfo;
import org.filtermx.imap.api.MailboxView;

/**
 * An in-memory endpoint for the connector's unit tests: logins with fixed passwords, each login
 * with folders of its own, and a record of every UID and thread the server used.
 */
public final class FakeImapListener implements ImapListener {

    /** One stored message. */
    static final class Stored {
        final byte[] content;
        int flags;
        final Instant date;

        Stored(byte[] content, int flags, Instant date) {
            this.content = content;
            this.flags = flags;
            this.date = date;
        }
    }

    /** One folder. */
    static final class Folder {
        final TreeMap<Long, Stored> messages = new TreeMap<>();
        long uidNext = 1;
        final boolean readOnly;

        Folder(boolean readOnly) {
            this.readOnly = readOnly;
        }

        long add(String text, int flags) {
            long uid = uidNext++;
            messages.put(
                    uid,
                    new Stored(
                            text.replace("\r\n", "\n")
                                    .replace("\n", "\r\n")
                                    .getBytes(StandardCharsets.UTF_8),
                            flags,
                            Instant.parse("2026-11-17T10:00:00Z").plusSeconds(uid * 86_400)));
            return uid;
        }
    }

    final Map<String, String> passwords = new ConcurrentHashMap<>();
    final Map<String, Map<String, Folder>> folders = new ConcurrentHashMap<>();
    final List<Long> uidsAsked = new CopyOnWriteArrayList<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    final List<byte[]> appended = new CopyOnWriteArrayList<>();
    final List<Integer> fetchBatchSizes = new CopyOnWriteArrayList<>();
    final List<ImapSession> closed = new CopyOnWriteArrayList<>();

    FakeImapListener() {
        passwords.put("example.com", "secret");
        passwords.put("other.org", "secret2");
        for (String login : passwords.keySet()) {
            Map<String, Folder> own = new TreeMap<>();
            own.put("INBOX", new Folder(false));
            own.put("Outgoing", new Folder(true));
            own.put("Release", new Folder(false));
            own.put("Train as Spam", new Folder(false));
            folders.put(login, own);
        }
    }

    Folder folder(String login, String name) {
        return folders.get(login).get(name);
    }

    static String message(String from, String subject, String body) {
        return "From: "
                + from
                + "\n"
                + "To: quarantine@example.com\n"
                + "Subject: "
                + subject
                + "\n"
                + "Date: Tue, 17 Nov 2026 10:00:00 +0000\n"
                + "Message-ID: <"
                + subject.hashCode()
                + "@test>\n"
                + "\n"
                + body
                + "\n";
    }

    private void record(String call) {
        calls.add(call);
        threads.add(Thread.currentThread().getName());
    }

    private synchronized Folder folder(ImapSession session, String mailbox) {
        Map<String, Folder> own = folders.get(session.identity());
        return own == null ? null : own.get(mailbox);
    }

    @Override
    public ImapLogin onLogin(ImapSession session, String username, String password) {
        record("login " + username);
        String expected = passwords.get(username);
        return expected != null && expected.equals(password)
                ? ImapLogin.success(username)
                : ImapLogin.invalidCredentials();
    }

    @Override
    public List<MailboxInfo> onList(ImapSession session) {
        record("list");
        return List.of(
                new MailboxInfo("INBOX", List.of("\\HasNoChildren", "\\Junk")),
                new MailboxInfo("Outgoing", List.of("\\HasNoChildren")),
                new MailboxInfo("Release", List.of("\\HasNoChildren")),
                new MailboxInfo("Train as Spam", List.of("\\HasNoChildren")));
    }

    @Override
    public synchronized MailboxView onSelect(ImapSession session, String mailbox) {
        record("select " + mailbox);
        Folder folder = folder(session, mailbox);
        if (folder == null) {
            return MailboxView.refused(ImapReply.no("NONEXISTENT", "No such folder"));
        }
        long[] uids = folder.messages.keySet().stream().mapToLong(Long::longValue).toArray();
        int[] flags = folder.messages.values().stream().mapToInt(m -> m.flags).toArray();
        return new MailboxView(
                ImapReply.ok("selected"),
                mailbox,
                1234,
                folder.uidNext,
                folder.readOnly,
                uids,
                flags);
    }

    @Override
    public synchronized List<ImapMessage> onFetch(
            ImapSession session, String mailbox, long[] uids, boolean content) {
        record("fetch " + mailbox + " " + uids.length + " " + content);
        fetchBatchSizes.add(uids.length);
        Folder folder = folder(session, mailbox);
        List<ImapMessage> result = new ArrayList<>();
        for (long uid : uids) {
            uidsAsked.add(uid);
            Stored m = folder.messages.get(uid);
            if (m != null) {
                byte[] bytes = content ? m.content : header(m.content);
                result.add(new ImapMessage(uid, m.content.length, m.date, m.flags, bytes));
            }
        }
        return result;
    }

    private static byte[] header(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        return (end < 0 ? text : text.substring(0, end + 4)).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public synchronized List<ImapMessage> onStore(
            ImapSession session, String mailbox, long[] uids, int flags, ImapFlags.Store mode) {
        record("store " + mailbox + " " + uids.length + " " + mode);
        Folder folder = folder(session, mailbox);
        List<ImapMessage> result = new ArrayList<>();
        for (long uid : uids) {
            uidsAsked.add(uid);
            Stored m = folder.messages.get(uid);
            if (m != null) {
                if (!folder.readOnly) {
                    m.flags = mode.apply(m.flags, flags);
                }
                result.add(new ImapMessage(uid, m.content.length, m.date, m.flags, null));
            }
        }
        return result;
    }

    @Override
    public synchronized long[] onExpunge(ImapSession session, String mailbox, long[] uids) {
        record("expunge " + mailbox + " " + uids.length);
        Folder folder = folder(session, mailbox);
        List<Long> gone = new ArrayList<>();
        for (long uid : uids) {
            uidsAsked.add(uid);
            if (folder.messages.remove(uid) != null) {
                gone.add(uid);
            }
        }
        return gone.stream().mapToLong(Long::longValue).toArray();
    }

    @Override
    public synchronized CopyResult onCopy(
            ImapSession session, String source, long[] uids, String target, boolean move) {
        record((move ? "move " : "copy ") + source + " " + uids.length + " " + target);
        Folder from = folder(session, source);
        Folder to = folder(session, target);
        if (to == null) {
            return new CopyResult(ImapReply.no("TRYCREATE", "No such folder"), new long[0]);
        }
        List<Long> gone = new ArrayList<>();
        for (long uid : uids) {
            uidsAsked.add(uid);
            Stored m = from.messages.get(uid);
            if (m == null) {
                continue;
            }
            if (move || target.equals("Release")) {
                from.messages.remove(uid);
                gone.add(uid);
            }
        }
        return new CopyResult(
                ImapReply.ok(move ? "MOVE completed" : "COPY completed"),
                gone.stream().mapToLong(Long::longValue).toArray());
    }

    @Override
    public ImapReply onAppend(
            ImapSession session, String mailbox, Path message, int flags, Instant date) {
        record("append " + mailbox + " " + flags);
        try {
            appended.add(Files.readAllBytes(message));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return mailbox.equals("Train as Spam")
                ? ImapReply.ok("APPEND completed")
                : ImapReply.no("CANNOT", "Only Train as Spam takes messages");
    }

    @Override
    public void onClose(ImapSession session) {
        closed.add(session);
    }
}
