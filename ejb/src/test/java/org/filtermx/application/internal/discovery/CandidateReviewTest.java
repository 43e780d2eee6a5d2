package org.filtermx.application.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.filtermx.application.DiscoveredRecipients;
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.port.RecipientEvidenceStore.Row;
import org.junit.jupiter.api.Test;

class CandidateReviewTest {

    private static final Instant T1 = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-12-02T10:00:00Z");

    private static Map<String, Long> recent() {
        Map<String, Long> recent = new LinkedHashMap<>();
        recent.put("alice@d.test", 12L);
        recent.put("random123@d.test", 40L);
        recent.put("old@d.test", 1L);
        recent.put("Bob@d.test", 3L);
        return recent;
    }

    private static DiscoveredRecipients review(String mode, List<String> list, List<Row> rows) {
        return CandidateReview.review(
                "d.test", mode, false, list, List.of("carol@d.test"), rows, recent(), 30);
    }

    private static final List<Row> ROWS =
            List.of(
                    new Row("alice", "sender", T1, T2, 5),
                    new Row("bob", "reply", T2, T2, 1),
                    new Row("alice", "reply", T2, T2, 2));

    @Test
    void candidatesCarryTheirEvidenceAndRecentMail() {
        DiscoveredRecipients v = review("merge", List.of("old"), ROWS);
        assertThat(v.candidates())
                .extracting(DiscoveredRecipients.Candidate::address)
                .containsExactly("alice@d.test", "bob@d.test", "carol@d.test", "old@d.test");
        DiscoveredRecipients.Candidate alice = v.candidates().get(0);
        assertThat(alice.evidence())
                .extracting(DiscoveredRecipients.Evidence::source)
                .containsExactly("sender", "reply");
        assertThat(alice.evidence().get(0).count()).isEqualTo(5);
        assertThat(alice.receivedRecently()).isEqualTo(12);
        assertThat(v.candidates().get(1).receivedRecently())
                .as("recipients are compared by lower-case local part")
                .isEqualTo(3);
        assertThat(v.candidates().get(3).listed()).isTrue();
    }

    @Test
    void mergeKeepsTheListAndShowsWhatWouldBeRefused() {
        DiscoveredRecipients v = review("merge", List.of("old"), ROWS);
        assertThat(v.resultingList()).containsExactly("alice", "bob", "carol", "old");
        assertThat(v.added()).containsExactly("alice", "bob", "carol");
        assertThat(v.removed()).isEmpty();
        assertThat(v.wouldRefuseCount()).isEqualTo(1);
        assertThat(v.wouldRefuseSample())
                .containsExactly(new DiscoveredRecipients.Recipient("random123@d.test", 40));
    }

    @Test
    void replaceDropsListEntriesWithoutOtherEvidence() {
        DiscoveredRecipients v = review("replace", List.of("old"), ROWS);
        assertThat(v.resultingList()).containsExactly("alice", "bob", "carol");
        assertThat(v.removed()).containsExactly("old");
        assertThat(v.wouldRefuseCount()).isEqualTo(2);
        assertThat(v.wouldRefuseSample())
                .extracting(DiscoveredRecipients.Recipient::address)
                .containsExactly("random123@d.test", "old@d.test");
    }

    @Test
    void theEtagChangesWithWhatTheApplyWouldDoOnly() {
        String etag = review("merge", List.of("old"), ROWS).etag();
        List<Row> moreSightings =
                List.of(
                        new Row("alice", "sender", T1, T2, 50),
                        new Row("bob", "reply", T1, T2, 9),
                        new Row("alice", "reply", T2, T2, 2));
        assertThat(review("merge", List.of("old"), moreSightings).etag())
                .as("new sightings of known addresses")
                .isEqualTo(etag);
        assertThat(review("merge", List.of("old", "x"), ROWS).etag()).isNotEqualTo(etag);
        assertThat(review("replace", List.of("old"), ROWS).etag()).isNotEqualTo(etag);
        List<Row> newAddress = new java.util.ArrayList<>(ROWS);
        newAddress.add(new Row("dave", "sender", T2, T2, 1));
        assertThat(review("merge", List.of("old"), newAddress).etag()).isNotEqualTo(etag);
        assertThat(
                        CandidateReview.review(
                                        "d.test",
                                        "merge",
                                        true,
                                        List.of("old"),
                                        List.of("carol@d.test"),
                                        ROWS,
                                        recent(),
                                        30)
                                .etag())
                .as("the catch-all switch")
                .isNotEqualTo(etag);
    }

    @Test
    void anUnknownModeIsRefused() {
        assertThat(CandidateReview.mode(null)).isEqualTo("merge");
        assertThat(CandidateReview.mode("REPLACE")).isEqualTo("replace");
        assertThatThrownBy(() -> CandidateReview.mode("all")).isInstanceOf(InvalidRequest.class);
    }
}
