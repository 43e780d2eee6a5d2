package org.filtermx.application.internal.imap;

import org.filtermx.application.QuarantineService.Action;
import org.filtermx.imap.api.ImapReply;

/**
 * Counts what a COPY or MOVE into an action folder did to each message and words the tagged reply:
 * OK when at least one message was done (or had been already: a release is never sent twice), the
 * text counting each kind; NO with the first failure's code and reason when none was.
 */
final class CopyTally {

    /** What happened to one message. */
    record Result(Kind kind, String code, String text) {

        enum Kind {
            DONE,
            ALREADY,
            GONE,
            FAILED
        }

        static Result done() {
            return new Result(Kind.DONE, null, null);
        }

        /** Released before (by someone else, or a link): not delivered again. */
        static Result already() {
            return new Result(Kind.ALREADY, null, null);
        }

        /** Left the quarantine meanwhile. */
        static Result gone() {
            return new Result(Kind.GONE, null, null);
        }

        static Result failed(String code, String text) {
            return new Result(Kind.FAILED, code, text);
        }
    }

    private final Action action;
    private int done;
    private int already;
    private int failed;
    private Result firstFailure;

    CopyTally(Action action) {
        this.action = action;
    }

    void add(Result r) {
        switch (r.kind()) {
            case DONE -> done++;
            case ALREADY -> already++;
            case GONE -> {}
            case FAILED -> {
                failed++;
                if (firstFailure == null) {
                    firstFailure = r;
                }
            }
        }
    }

    ImapReply reply() {
        if (done == 0 && already == 0 && failed > 0) {
            return ImapReply.no(firstFailure.code(), oneLine(firstFailure.text()));
        }
        if (done == 0 && already == 0) {
            return ImapReply.ok("No messages to act on");
        }
        StringBuilder text = new StringBuilder(verb()).append(' ').append(count(done));
        if (already > 0) {
            text.append("; ").append(count(already)).append(" had been released already");
        }
        if (failed > 0) {
            text.append("; ")
                    .append(count(failed))
                    .append(" not: ")
                    .append(oneLine(firstFailure.text()));
        }
        return ImapReply.ok(text.toString());
    }

    private String verb() {
        return switch (action) {
            case RELEASE -> "Released";
            case RELEASE_AND_TRAIN -> "Released and learned as ham";
            case TRAIN_SPAM -> "Learned as spam";
            default -> action.name();
        };
    }

    private static String count(int n) {
        return n == 1 ? "1 message" : n + " messages";
    }

    /** Service reasons are plain sentences; still, a reply text is one short line. */
    static String oneLine(String text) {
        if (text == null || text.isBlank()) {
            return "Not possible";
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < text.length() && s.length() < 200; i++) {
            char c = text.charAt(i);
            s.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return s.toString();
    }
}
