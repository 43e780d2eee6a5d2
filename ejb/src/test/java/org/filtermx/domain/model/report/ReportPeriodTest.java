package org.filtermx.domain.model.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReportPeriodTest {

    @Test
    void dailyCoversTheWholeUtcDayBefore() {
        ReportPeriod p = ReportPeriod.daily(Instant.parse("2026-12-02T00:05:00Z"));
        assertThat(p.key()).isEqualTo("D2026-12-01");
        assertThat(p.start()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(p.end()).isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));
    }

    @Test
    void dailyIsTheSameKeyForEveryRunOfTheDay() {
        assertThat(ReportPeriod.daily(Instant.parse("2026-12-02T23:59:59.999Z")))
                .isEqualTo(ReportPeriod.daily(Instant.parse("2026-12-02T00:00:00Z")));
    }

    @Test
    void weeklyCoversTheIsoWeekBeforeMondayToMonday() {
        // Wednesday 2 December 2026 lies in ISO week 49; the week before is 48, 23-30 November.
        ReportPeriod p = ReportPeriod.weekly(Instant.parse("2026-12-02T10:00:00Z"));
        assertThat(p.key()).isEqualTo("W2026-W48");
        assertThat(p.start()).isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
        assertThat(p.end()).isEqualTo(Instant.parse("2026-11-30T00:00:00Z"));
        assertThat(ReportPeriod.weekly(Instant.parse("2026-11-30T00:00:00Z"))).isEqualTo(p);
        assertThat(ReportPeriod.weekly(Instant.parse("2026-12-06T23:59:59Z"))).isEqualTo(p);
    }

    @Test
    void weeklyAroundNewYearUsesTheWeekBasedYear() {
        // Monday 4 January 2027: the week before is 2026-W53 (28 Dec 2026 - 4 Jan 2027).
        ReportPeriod p = ReportPeriod.weekly(Instant.parse("2027-01-04T01:00:00Z"));
        assertThat(p.key()).isEqualTo("W2026-W53");
        assertThat(p.start()).isEqualTo(Instant.parse("2026-12-28T00:00:00Z"));
        // Friday 1 January 2027 still lies in 2026-W53: the week before is W52.
        assertThat(ReportPeriod.weekly(Instant.parse("2027-01-01T12:00:00Z")).key())
                .isEqualTo("W2026-W52");
    }

    @Test
    void onDemandStartsWhereTheLastReportEnded() {
        Instant now = Instant.parse("2026-12-02T10:00:00.123456Z");
        ReportPeriod p =
                ReportPeriod.since(Instant.parse("2026-12-02T00:00:00Z"), Duration.ofDays(14), now);
        assertThat(p.start()).isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));
        assertThat(p.end()).isEqualTo(Instant.parse("2026-12-02T10:00:00.123Z"));
        assertThat(p.key()).isEqualTo("N" + p.start().toEpochMilli());
    }

    @Test
    void requestsRacingFromTheSameLastReportAreOneReportAndTheNextIsAnother() {
        Instant last = Instant.parse("2026-12-02T00:00:00Z");
        Instant now = Instant.parse("2026-12-02T10:00:00Z");
        ReportPeriod first = ReportPeriod.since(last, Duration.ofDays(14), now);
        ReportPeriod racing = ReportPeriod.since(last, Duration.ofDays(14), now.plusMillis(3));
        assertThat(racing.key()).isEqualTo(first.key());
        ReportPeriod next =
                ReportPeriod.since(first.end(), Duration.ofDays(14), now.plusSeconds(1));
        assertThat(next.key()).isNotEqualTo(first.key());
        assertThat(next.start()).isEqualTo(first.end());
    }

    @Test
    void onDemandGoesBackNoFurtherThanTheRetention() {
        Instant now = Instant.parse("2026-12-02T10:00:00Z");
        assertThat(ReportPeriod.since(null, Duration.ofDays(7), now).start())
                .isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
        assertThat(
                        ReportPeriod.since(
                                        Instant.parse("2026-01-01T00:00:00Z"),
                                        Duration.ofDays(7),
                                        now)
                                .start())
                .isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
    }

    @Test
    void onDemandAfterALastReportInTheFutureIsEmptyNotNegative() {
        Instant now = Instant.parse("2026-12-02T10:00:00Z");
        ReportPeriod p = ReportPeriod.since(now.plusSeconds(60), Duration.ofDays(7), now);
        assertThat(p.start()).isEqualTo(p.end()).isEqualTo(now);
    }

    @Test
    void onlyDailyAndWeeklyArePeriodic() {
        Instant now = Instant.parse("2026-12-02T10:00:00Z");
        assertThat(ReportPeriod.of("daily", now)).isEqualTo(ReportPeriod.daily(now));
        assertThat(ReportPeriod.of("weekly", now)).isEqualTo(ReportPeriod.weekly(now));
        assertThatThrownBy(() -> ReportPeriod.of("never", now))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
