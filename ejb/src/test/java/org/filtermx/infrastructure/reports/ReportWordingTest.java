package org.filtermx.infrastructure.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Periods and counts read the same in every part of a report. */
class ReportWordingTest {

    @Test
    void oneWholeDayIsOneDate() {
        assertThat(
                        ReportWording.period(
                                Instant.parse("2026-12-02T00:00:00Z"),
                                Instant.parse("2026-12-03T00:00:00Z")))
                .isEqualTo("2 Dec 2026");
    }

    @Test
    void wholeDaysAreAFirstAndALastDate() {
        assertThat(
                        ReportWording.period(
                                Instant.parse("2026-11-23T00:00:00Z"),
                                Instant.parse("2026-11-30T00:00:00Z")))
                .isEqualTo("23–29 Nov 2026");
        assertThat(
                        ReportWording.period(
                                Instant.parse("2026-11-30T00:00:00Z"),
                                Instant.parse("2026-12-07T00:00:00Z")))
                .isEqualTo("30 Nov – 6 Dec 2026");
        assertThat(
                        ReportWording.period(
                                Instant.parse("2026-12-28T00:00:00Z"),
                                Instant.parse("2027-01-04T00:00:00Z")))
                .isEqualTo("28 Dec 2026 – 3 Jan 2027");
    }

    @Test
    void partsOfDaysShowTheTimes() {
        assertThat(
                        ReportWording.period(
                                Instant.parse("2026-12-02T14:05:09Z"),
                                Instant.parse("2026-12-03T09:12:00Z")))
                .isEqualTo("2 Dec 2026 14:05 – 3 Dec 2026 09:12 UTC");
    }

    @Test
    void countsAndScoresIgnoreTheDefaultLocale() {
        assertThat(ReportWording.count(1_234_567)).isEqualTo("1,234,567");
        assertThat(ReportWording.score(7.25)).isEqualTo("7.3");
        assertThat(ReportWording.messagesHeld(0)).isEqualTo("no messages held");
        assertThat(ReportWording.messagesHeld(1)).isEqualTo("1 message held");
        assertThat(ReportWording.omitted(1)).startsWith("1 more held message is not listed");
    }

    @Test
    void pdfFileNameIsSafe() {
        assertThat(
                        ReportWording.pdfFileName(
                                ReportSamples.withHeld(
                                        ReportSamples.domain(
                                                0, org.filtermx.application.ReportFormat.PDF),
                                        java.util.List.of())))
                .isEqualTo("quarantine-report-example.com-2026-11-23.pdf");
    }
}
