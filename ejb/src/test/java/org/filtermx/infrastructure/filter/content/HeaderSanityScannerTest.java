package org.filtermx.infrastructure.filter.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.domain.model.filter.ScanResult;
import org.junit.jupiter.api.Test;

class HeaderSanityScannerTest {

    private static final Clock NOW =
            Clock.fixed(Instant.parse("2025-03-14T12:00:00Z"), ZoneOffset.UTC);

    private static final String GOOD_HEADER =
            "Received: from mail.example.org (mail.example.org [198.51.100.7])\r\n"
                    + "\tby mx.example.net with ESMTPS; Fri, 14 Mar 2025 11:59:58 +0000\r\n"
                    + "Received: from [10.0.0.5] (localhost [127.0.0.1])\r\n"
                    + "\tby mail.example.org; Fri, 14 Mar 2025 12:59:50 +0100 (CET)\r\n"
                    + "From: \"Doe, Jane\" <jane.doe@example.org>\r\n"
                    + "To: team@example.net\r\n"
                    + "Subject: Minutes of Friday's meeting\r\n"
                    + "Date: Fri, 14 Mar 2025 12:59:41 +0100\r\n"
                    + "Message-ID: <a1b2c3@mail.example.org>\r\n";

    private final HeaderSanityScanner scanner =
            new HeaderSanityScanner(HeaderSanitySettings.defaults(), NOW);

    @Test
    void passesAWellFormedMessageWithAPrivateFirstHop() {
        assertThat(scan(GOOD_HEADER)).isEmpty();
        assertThat(scanner.name()).isEqualTo("headers");
    }

    @Test
    void scoresMissingDateAndMessageId() {
        String header = without(without(GOOD_HEADER, "Date"), "Message-ID");

        assertThat(scan(header)).containsExactly("MISSING_DATE +1.0", "MISSING_MESSAGE_ID +1.0");
    }

    @Test
    void scoresADateMoreThanADayAhead() {
        String header = replace(GOOD_HEADER, "Date", "Sun, 16 Mar 2025 12:00:00 +0000");

        assertThat(scan(header))
                .containsExactly("DATE_IN_FUTURE +1.5 (Sun, 16 Mar 2025 12:00:00 +0000)");
    }

    @Test
    void toleratesClockSkewWithinADay() {
        assertThat(scan(replace(GOOD_HEADER, "Date", "Sat, 15 Mar 2025 06:00:00 +0000"))).isEmpty();
    }

    @Test
    void leavesOldDatesUnscoredByDefaultButScoresThemWhenEnabled() {
        String header = replace(GOOD_HEADER, "Date", "Thu, 22 Aug 2002 13:17:22 +0100");
        HeaderSanityScanner live =
                new HeaderSanityScanner(
                        HeaderSanitySettings.defaults().withDateInPastScore(0.3), NOW);

        assertThat(scan(header)).isEmpty();
        assertThat(live.scan(Messages.raw(header + "\r\nbody\r\n")).reasons())
                .extracting(Reason::rule)
                .containsExactly("DATE_IN_PAST");
    }

    @Test
    void readsObsoleteDateForms() {
        assertThat(MessageDate.parse("14 Mar 25 12:59 EST"))
                .contains(Instant.parse("2025-03-14T17:59:00Z"));
        assertThat(MessageDate.parse("Thu, 22 Aug 2002 13:17:22 +0100 (IST)"))
                .contains(Instant.parse("2002-08-22T12:17:22Z"));
        assertThat(MessageDate.parse("Friday, 14-Mar-1999 01:02:03 GMT")).isPresent();
        assertThat(MessageDate.parse("Wed Sep 25 10:24:48 2002 -0400"))
                .contains(Instant.parse("2002-09-25T14:24:48Z"));
        assertThat(MessageDate.parse("26/08/2002 09:28:01"))
                .contains(Instant.parse("2002-08-26T09:28:01Z"));
        assertThat(MessageDate.parse("Mon, 23 2002 9:14:02 AM -0400")).isEmpty();
        assertThat(MessageDate.parse("soon")).isEmpty();
        assertThat(MessageDate.parse("31 Feb 2025 10:00:00 +0000")).isEmpty();
    }

    @Test
    void scoresAnUnreadableDate() {
        assertThat(scan(replace(GOOD_HEADER, "Date", "yesterday")))
                .containsExactly("DATE_MALFORMED +1.0 (yesterday)");
    }

    @Test
    void scoresMissingMalformedAndMultipleFrom() {
        assertThat(scan(without(GOOD_HEADER, "From"))).containsExactly("MISSING_FROM +2.5");
        assertThat(scan(replace(GOOD_HEADER, "From", "Jane Doe <jane.doe>")))
                .containsExactly("FROM_MALFORMED +2.0 (Jane Doe <jane.doe>)");
        assertThat(scan(replace(GOOD_HEADER, "From", "undisclosed-recipients:;")))
                .containsExactly("FROM_MALFORMED +2.0 (undisclosed-recipients:;)");
        assertThat(scan(GOOD_HEADER + "From: other@example.org\r\n"))
                .containsExactly("FROM_MULTIPLE +2.0 (2 fields)");
    }

    @Test
    void acceptsTheUsualFromForms() {
        for (String from :
                List.of(
                        "jane@example.org",
                        "jane@example.org (Jane Doe)",
                        "=?UTF-8?Q?J=C3=BCrg_M=C3=BCller?= <jm@example.ch>",
                        "\"jane@work\" <jane@example.org>",
                        "a@example.org, b@example.org",
                        "<postmaster@[192.0.2.1]>")) {
            assertThat(scan(replace(GOOD_HEADER, "From", from))).as(from).isEmpty();
        }
    }

    @Test
    void scoresAShoutingSubjectOnly() {
        assertThat(scan(replace(GOOD_HEADER, "Subject", "=?UTF-8?Q?GRATIS_F=C3=9CR_SIE!!!?=")))
                .containsExactly("SUBJECT_ALL_CAPS +0.5");
        assertThat(scan(replace(GOOD_HEADER, "Subject", "RE: FYI"))).isEmpty();
        assertThat(scan(replace(GOOD_HEADER, "Subject", "Free MONEY FOR YOU"))).isEmpty();
    }

    @Test
    void scoresAReceivedTraceWithAnUnreadableOrFutureStamp() {
        String forged = "Received: from friend by relay; Someday at noon\r\n" + GOOD_HEADER;
        String future = "Received: from x by y; Mon, 17 Mar 2025 10:00:00 +0000\r\n" + GOOD_HEADER;

        assertThat(scan(forged))
                .containsExactly("RECEIVED_SUSPICIOUS +1.0 (unreadable date in hop 1)");
        assertThat(scan(future)).containsExactly("RECEIVED_SUSPICIOUS +1.0 (future date in hop 1)");
    }

    @Test
    void scoresATraceLongerThanThirtyHops() {
        String hop = "Received: from a by b; Fri, 14 Mar 2025 11:00:00 +0000\r\n";

        assertThat(scan(hop.repeat(31) + GOOD_HEADER))
                .containsExactly("RECEIVED_SUSPICIOUS +1.0 (33 hops)");
        assertThat(scan(hop.repeat(28) + GOOD_HEADER)).isEmpty();
    }

    @Test
    void scoresEachDistinctParserProblemOnce() {
        StringBuilder flood = new StringBuilder(GOOD_HEADER);
        for (int i = 0; i < 1001; i++) {
            flood.append("X-Tag: ").append(i).append("\r\n");
        }
        flood.append("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\ncut\r\n");

        assertThat(scanner.scan(Messages.raw(flood.toString())).reasons())
                .extracting(Object::toString)
                .containsExactlyInAnyOrder(
                        "MIME_LIMIT_EXCEEDED +5.0 (HEADER_COUNT_LIMIT)", "MIME_MALFORMED +1.0");
    }

    private List<String> scan(String header) {
        ScanResult result = scanner.scan(Messages.raw(header + "\r\nbody\r\n"));
        return result.reasons().stream().map(Object::toString).toList();
    }

    private static String without(String header, String name) {
        return header.replaceAll("(?m)^" + name + ":.*\r\n", "");
    }

    private static String replace(String header, String name, String value) {
        return header.replaceAll("(?m)^" + name + ":.*\r\n", name + ": " + value + "\r\n");
    }
}
