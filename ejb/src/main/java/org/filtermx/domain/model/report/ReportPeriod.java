package org.filtermx.domain.model.report;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * The span of time one report covers, with a key that names it stably, so that the same period of
 * the same subject is recognised however often a run is repeated ({@code D2026-12-01} for a day,
 * {@code W2026-W48} for an ISO week, {@code N<epoch millis of the start>} for a report on demand).
 * Periods are half-open: {@code start} inclusive, {@code end} exclusive, both in whole milliseconds
 * (the precision the database keeps).
 *
 * @param key stable name of the period, unique per subject and period
 * @param start first instant covered
 * @param end first instant no longer covered
 */
public record ReportPeriod(String key, Instant start, Instant end) {

    public ReportPeriod {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty() || key.length() > 32) {
            throw new IllegalArgumentException("a period key has 1 to 32 characters");
        }
        start = start.truncatedTo(ChronoUnit.MILLIS);
        end = end.truncatedTo(ChronoUnit.MILLIS);
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("a period cannot end before it starts");
        }
    }

    /** The UTC day before the one {@code now} falls in. */
    public static ReportPeriod daily(Instant now) {
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(1);
        return new ReportPeriod("D" + day, midnight(day), midnight(day.plusDays(1)));
    }

    /**
     * The ISO week (ISO 8601: Monday to Monday, UTC) before the one {@code now} falls in, keyed by
     * its week-based year and week number, so that the days around New Year get the right key.
     */
    public static ReportPeriod weekly(Instant now) {
        LocalDate monday =
                LocalDate.ofInstant(now, ZoneOffset.UTC)
                        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                        .minusWeeks(1);
        String key =
                String.format(
                        "W%d-W%02d",
                        monday.get(IsoFields.WEEK_BASED_YEAR),
                        monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        return new ReportPeriod(key, midnight(monday), midnight(monday.plusWeeks(1)));
    }

    /**
     * A report on demand: from the end of the last report sent to the subject ({@code null}: none
     * yet), but never more than {@code maxBack} before {@code now}, up to {@code now}. It is keyed
     * by its start, so two requests that race from the same last report (a double click) make one
     * report, while each request after a report sent covers the time since.
     */
    public static ReportPeriod since(Instant lastEnd, Duration maxBack, Instant now) {
        Instant end = now.truncatedTo(ChronoUnit.MILLIS);
        Instant earliest = end.minus(maxBack);
        Instant start = lastEnd == null || lastEnd.isBefore(earliest) ? earliest : lastEnd;
        if (start.isAfter(end)) {
            start = end;
        }
        return new ReportPeriod("N" + start.toEpochMilli(), start, end);
    }

    /**
     * The periodic period for {@code frequency} ({@code daily} or {@code weekly}) at {@code now}.
     */
    public static ReportPeriod of(String frequency, Instant now) {
        return switch (frequency) {
            case "daily" -> daily(now);
            case "weekly" -> weekly(now);
            default ->
                    throw new IllegalArgumentException(
                            "no periodic report for frequency " + frequency);
        };
    }

    private static Instant midnight(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
