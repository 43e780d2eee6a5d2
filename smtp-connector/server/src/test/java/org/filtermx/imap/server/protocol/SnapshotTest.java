package org.filtermx.imap.server.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.filtermx.imap.api.ImapFlags;
import org.filtermx.imap.api.ImapReply;
import org.filtermx.imap.api.MailboxView;
import org.junit.jupiter.api.Test;

class SnapshotTest {

    private static MailboxView view(long[] uids, int[] flags) {
        return new MailboxView(ImapReply.ok("ok"), "INBOX", 7, 100, false, uids, flags);
    }

    private static SequenceSet set(String text) throws BadCommand {
        return new CommandCursor(RawCommand.of(text)).sequenceSet();
    }

    @Test
    void resolvesSequenceSetsWithStarAndReversedRanges() throws Exception {
        Snapshot s = new Snapshot(view(new long[] {10, 20, 30, 40}, new int[4]), false);
        assertThat(s.bySequence(set("1,3:*")).stream()).containsExactly(0, 2, 3);
        assertThat(s.bySequence(set("4:2")).stream()).containsExactly(1, 2, 3);
        assertThat(s.bySequence(set("2:10,*")).stream()).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> s.bySequence(set("5"))).isInstanceOf(BadCommand.class);
    }

    @Test
    void resolvesUidSetsAgainstListedUidsOnly() throws Exception {
        Snapshot s = new Snapshot(view(new long[] {10, 20, 30, 40}, new int[4]), false);
        assertThat(s.byUid(set("15:35")).stream()).containsExactly(1, 2);
        assertThat(s.byUid(set("41:*")).stream()).containsExactly(3);
        assertThat(s.byUid(set("1:9,11,4294967295")).stream()).isEmpty();
        Snapshot empty = new Snapshot(view(new long[0], new int[0]), false);
        assertThat(empty.byUid(set("1:*")).isEmpty()).isTrue();
        assertThat(empty.bySequence(set("1:*")).isEmpty()).isTrue();
    }

    @Test
    void expungesHighestSequenceNumberFirst() {
        Snapshot s = new Snapshot(view(new long[] {1, 2, 3, 4, 5}, new int[5]), false);
        List<String> out = new ArrayList<>();
        s.remove(new long[] {2, 4, 99}, out);
        assertThat(out).containsExactly("* 4 EXPUNGE", "* 2 EXPUNGE");
        assertThat(s.size()).isEqualTo(3);
        assertThat(s.uid(1)).isEqualTo(3);
    }

    @Test
    void updatesFromANewViewInTheOrderThatKeepsNumbersRight() {
        Snapshot s = new Snapshot(view(new long[] {1, 2, 3, 4}, new int[4]), false);
        List<String> out = new ArrayList<>();
        s.update(
                view(new long[] {1, 3, 5, 6}, new int[] {0, ImapFlags.SEEN, 0, ImapFlags.FLAGGED}),
                out);
        assertThat(out)
                .containsExactly(
                        "* 4 EXPUNGE", "* 2 EXPUNGE", "* 2 FETCH (FLAGS (\\Seen))", "* 4 EXISTS");
        assertThat(s.uid(3)).isEqualTo(6);
        assertThat(s.flags(3)).isEqualTo(ImapFlags.FLAGGED);
    }

    @Test
    void treatsExamineAsReadOnly() {
        assertThat(new Snapshot(view(new long[0], new int[0]), true).readOnly()).isTrue();
    }
}
