package org.filtermx.application.internal.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.filtermx.application.OutgoingPolicy;
import org.filtermx.application.OutgoingSender;
import org.filtermx.application.internal.intake.HeaderSummary;
import org.filtermx.application.internal.intake.MessageStore;
import org.filtermx.application.port.InstallationSettings;
import org.filtermx.application.port.OutboundSettings;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.domain.model.filter.Verdict;
import org.filtermx.domain.model.message.AbuseReportCounts;
import org.filtermx.domain.model.message.Direction;
import org.filtermx.domain.model.message.StoredContent;
import org.junit.jupiter.api.Test;

class OutboundHoldTest {

    private static final Instant NOW = Instant.parse("2026-12-02T21:30:00Z");
    private static final byte[] MESSAGE =
            "Subject: pills\r\n\r\nbuy\r\n".getBytes(StandardCharsets.US_ASCII);

    private final List<List<MessageStore.Item>> stored = new ArrayList<>();
    private final List<String> lockReasons = new ArrayList<>();
    private final Map<String, Integer> counted = new HashMap<>();

    private final MessageStore store =
            new MessageStore() {
                @Override
                public void store(List<Item> items) {
                    stored.add(List.copyOf(items));
                }
            };

    private final AbuseReportCounts counts =
            new AbuseReportCounts() {
                @Override
                public int countOne(String key, Instant hour) {
                    return counted.merge(key + "@" + hour, 1, Integer::sum);
                }

                @Override
                public int purge(Instant before) {
                    throw new UnsupportedOperationException();
                }
            };

    @SuppressWarnings("unchecked")
    private static <T> T stub(Class<T> type, Map<String, Object> answers) {
        return (T)
                Proxy.newProxyInstance(
                        type.getClassLoader(),
                        new Class<?>[] {type},
                        (p, m, a) -> {
                            if (answers.containsKey(m.getName())) {
                                Object answer = answers.get(m.getName());
                                return answer instanceof java.util.function.Function<?, ?> f
                                        ? ((java.util.function.Function<Object[], Object>) f)
                                                .apply(a)
                                        : answer;
                            }
                            throw new UnsupportedOperationException(m.getName());
                        });
    }

    private OutboundHold hold(int reportsPerHour) {
        OutgoingPolicy policy =
                stub(
                        OutgoingPolicy.class,
                        Map.of(
                                "lockForSpam",
                                (java.util.function.Function<Object[], Object>)
                                        a -> {
                                            lockReasons.add((String) a[1]);
                                            return true;
                                        }));
        InstallationSettings settings =
                stub(
                        InstallationSettings.class,
                        Map.of("hostname", "gw.example", "reportFrom", "postmaster@gw.example"));
        OutboundSettings outbound =
                stub(
                        OutboundSettings.class,
                        Map.of(
                                "reportsPerSenderPerHour",
                                reportsPerHour,
                                "reportMessageLimit",
                                1_048_576L));
        return new OutboundHold(policy, store, counts, settings, outbound, v -> v);
    }

    private static MessageStore.Item blocked(String queueId) {
        return new MessageStore.Item(
                queueId,
                Direction.OUTBOUND,
                "shop.example",
                "remote.test",
                "192.0.2.1",
                "laptop",
                "alice@shop.example",
                Map.of("bob@remote.test", "bob@remote.test"),
                StoredContent.of(MESSAGE),
                new HeaderSummary(null, "pills", 0),
                NOW,
                "submitted by alice",
                new Verdict(
                        Verdict.Action.REJECT,
                        1000,
                        List.of(new Reason("GTUBE", 1000, "test pattern")),
                        false));
    }

    private static AbuseReport.Facts facts(OutgoingSender sender) {
        return new AbuseReport.Facts(
                sender,
                "192.0.2.1",
                "alice@shop.example",
                List.of("bob@remote.test"),
                NOW,
                1000,
                "GTUBE +1000.0",
                false,
                false,
                MESSAGE);
    }

    private static final OutgoingSender ALICE =
            new OutgoingSender(5, "shop.example", "alice", "", true, "Abuse@Provider.example");

    @Test
    void holdsLocksAndReportsInOneStore() {
        OutboundHold.Held held = hold(10).hold(blocked("Q1"), ALICE, true, facts(ALICE), NOW);

        assertThat(held).isEqualTo(new OutboundHold.Held(true, true));
        assertThat(lockReasons).containsExactly("GTUBE +1000.0 (test pattern)");
        assertThat(stored).hasSize(1);
        List<MessageStore.Item> items = stored.get(0);
        assertThat(items).hasSize(2);
        assertThat(items.get(0).logDetail())
                .isEqualTo(
                        "submitted by alice; sender locked; abuse report to Abuse@Provider.example");
        MessageStore.Item report = items.get(1);
        assertThat(report.queueId()).isEqualTo("Q1-arf");
        assertThat(report.sender()).isEmpty();
        assertThat(report.recipients()).containsOnlyKeys("abuse@provider.example");
        assertThat(report.targetDomain()).isEqualTo("provider.example");
        assertThat(report.verdict()).as("never scanned").isNull();
        assertThat(new String(report.content().bytes(), StandardCharsets.UTF_8))
                .contains("Subject: Outgoing account locked: spam from alice")
                .contains("report-type=feedback-report");
    }

    @Test
    void doesNotLockWhenBelowTheLockThreshold() {
        OutboundHold.Held held = hold(10).hold(blocked("Q1"), ALICE, false, facts(ALICE), NOW);

        assertThat(held.locked()).isFalse();
        assertThat(lockReasons).isEmpty();
        assertThat(new String(stored.get(0).get(1).content().bytes(), StandardCharsets.UTF_8))
                .contains("Subject: Outgoing mail blocked: spam from alice");
    }

    @Test
    void capsTheReportsPerSenderAndHourButStillHoldsEveryMessage() {
        OutboundHold hold = hold(2);
        OutgoingSender other =
                new OutgoingSender(6, "shop.example", "bob", "", true, "abuse@provider.example");

        for (int i = 1; i <= 4; i++) {
            hold.hold(blocked("Q" + i), ALICE, false, facts(ALICE), NOW.plusSeconds(i));
        }
        hold.hold(blocked("Q5"), other, false, facts(other), NOW);
        hold.hold(blocked("Q6"), ALICE, false, facts(ALICE), NOW.plusSeconds(3600));

        assertThat(stored).extracting(List::size).containsExactly(2, 2, 1, 1, 2, 2);
        assertThat(stored.get(2).get(0).logDetail())
                .contains("no abuse report: 2 about this sender this hour already")
                .contains("FILTERMX_ARF_REPORTS_PER_HOUR");
    }

    @Test
    void sendsNoReportWhenTheCapIsZero() {
        hold(0).hold(blocked("Q1"), ALICE, false, facts(ALICE), NOW);

        assertThat(stored.get(0)).hasSize(1);
        assertThat(counted).isEmpty();
    }
}
