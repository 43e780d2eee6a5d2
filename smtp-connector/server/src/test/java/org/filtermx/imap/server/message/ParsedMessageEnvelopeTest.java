package org.filtermx.imap.server.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.filtermx.imap.server.message.Messages.bytes;
import static org.filtermx.imap.server.message.Messages.str;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** ENVELOPE (RFC 3501 section 7.4.2) and the header-based SEARCH helpers. */
class ParsedMessageEnvelopeTest {

    private static ParsedMessage headers(String... fields) {
        return ParsedMessage.parse(bytes(String.join("\r\n", fields) + "\r\n\r\nbody\r\n"));
    }

    @Test
    void envelopeOfTheRfcExample() {
        ParsedMessage m =
                headers(
                        "Date: Wed, 17 Jul 1996 02:23:25 -0700 (PDT)",
                        "From: Terry Gray <gray@cac.washington.edu>",
                        "Subject: IMAP4rev1 WG mtg summary and minutes",
                        "To: imap@cac.washington.edu",
                        "cc: minutes@CNRI.Reston.VA.US,",
                        " John Klensin <KLENSIN@MIT.EDU>",
                        "Message-Id: <B27397-0100000@cac.washington.edu>");

        assertThat(str(m.envelope()))
                .isEqualTo(
                        "(\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" \"IMAP4rev1 WG mtg summary and"
                                + " minutes\" ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\"))"
                                + " ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\"))"
                                + " ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\"))"
                                + " ((NIL NIL \"imap\" \"cac.washington.edu\"))"
                                + " ((NIL NIL \"minutes\" \"CNRI.Reston.VA.US\")"
                                + "(\"John Klensin\" NIL \"KLENSIN\" \"MIT.EDU\")) NIL NIL"
                                + " \"<B27397-0100000@cac.washington.edu>\")");
        assertThat(m.sentDate()).isEqualTo(Instant.parse("1996-07-17T09:23:25Z"));
    }

    @Test
    void absentFieldsAreNil() {
        ParsedMessage m = headers("X-Only: 1");

        assertThat(str(m.envelope())).isEqualTo("(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)");
        assertThat(m.sentDate()).isNull();
    }

    @Test
    void senderAndReplyToAreTheirOwnWhenPresent() {
        ParsedMessage m =
                headers(
                        "From: a@x.org",
                        "Sender: s@x.org",
                        "Reply-To: \"R. \\\"Q\\\" Person\" <r@x.org>",
                        "Bcc: b@x.org");

        assertThat(str(m.envelope()))
                .isEqualTo(
                        "(NIL NIL ((NIL NIL \"a\" \"x.org\")) ((NIL NIL \"s\" \"x.org\"))"
                                + " ((\"R. \\\"Q\\\" Person\" NIL \"r\" \"x.org\")) NIL NIL"
                                + " ((NIL NIL \"b\" \"x.org\")) NIL NIL)");
    }

    @Test
    void groupsFollowRfc3501() {
        ParsedMessage m =
                headers(
                        "To: undisclosed-recipients:;",
                        "Bcc: : x@y;",
                        "Cc: Team: ann@x.org, Bob <bob@y.org>;, carl@z.org");

        assertThat(str(m.envelope()))
                .contains(
                        " ((NIL NIL \"undisclosed-recipients\" NIL)(NIL NIL NIL NIL))"
                                + " ((NIL NIL \"Team\" NIL)(NIL NIL \"ann\" \"x.org\")"
                                + "(\"Bob\" NIL \"bob\" \"y.org\")(NIL NIL NIL NIL)"
                                + "(NIL NIL \"carl\" \"z.org\"))"
                                + " ((NIL NIL \"\" NIL)(NIL NIL \"x\" \"y\")(NIL NIL NIL NIL)) NIL");
    }

    @Test
    void routesCommentsAndOddAddresses() {
        ParsedMessage m =
                headers(
                        "From: Old Style <@relay1,@relay2:joe@x.org> (a comment)",
                        "To: \"quoted local\"@x.org, nodomain, <>",
                        "Cc: joe@x.org <joe@x.org>");

        assertThat(str(m.envelope()))
                .startsWith("(NIL NIL ((\"Old Style\" \"@relay1,@relay2\" \"joe\" \"x.org\"))")
                .contains(
                        " ((NIL NIL \"\\\"quoted local\\\"\" \"x.org\")(NIL NIL \"nodomain\" \"\")"
                                + "(NIL NIL \"\" \"\"))"
                                + " ((\"joe@x.org\" NIL \"joe\" \"x.org\")) NIL");
    }

    @Test
    void aCommentNamesABareAddress() {
        ParsedMessage m =
                headers("To: joe@x.org (Joe Bloggs), ann@y.org, Al (the (big)) Bo <al@z.org> (x)");

        assertThat(str(m.envelope()))
                .contains(
                        " ((\"Joe Bloggs\" NIL \"joe\" \"x.org\")(NIL NIL \"ann\" \"y.org\")"
                                + "(\"Al Bo\" NIL \"al\" \"z.org\")) NIL");
    }

    @Test
    void stringsThatCannotBeQuotedAreLiterals() {
        ParsedMessage m =
                ParsedMessage.parse(
                        bytes("Subject: Gr\u00fc\u00dfe \"x\" \\ y\r\nMessage-ID: <a@b>\r\n\r\n"),
                        false);

        assertThat(str(m.envelope()))
                .isEqualTo(
                        "(NIL {13}\r\nGr\u00fc\u00dfe \"x\" \\ y NIL NIL NIL NIL NIL NIL NIL"
                                + " \"<a@b>\")");
        assertThat(str(headers("Subject: say \"hi\" \\o/").envelope()))
                .startsWith("(NIL \"say \\\"hi\\\" \\\\o/\" NIL");
    }

    @Test
    void envelopeKeepsEncodedWordsRaw() {
        ParsedMessage m = headers("Subject: =?UTF-8?B?w6l0w6k=?=");

        assertThat(str(m.envelope())).startsWith("(NIL \"=?UTF-8?B?w6l0w6k=?=\" NIL");
        assertThat(m.headerValues("subject")).containsExactly("\u00e9t\u00e9");
    }

    @Test
    void headerValuesAreUnfoldedAndDecoded() {
        ParsedMessage m =
                headers(
                        "Subject: =?iso-8859-1?Q?caf=E9_au?=",
                        "  =?UTF-8?Q?_lait?= and =?x-unknown?Q?raw?= text",
                        "X-Multi: one",
                        "x-multi: two",
                        "X-Utf8: na\u00c3\u00afve",
                        "X-Bad: =?UTF-8?B?broken =?utf-8?q?ok?=");

        assertThat(m.headerValues("SUBJECT"))
                .containsExactly("caf\u00e9 au lait and =?x-unknown?Q?raw?= text");
        assertThat(m.headerValues("X-Multi")).containsExactly("one", "two");
        assertThat(m.headerValues("X-Utf8")).containsExactly("na\u00efve");
        assertThat(m.headerValues("X-Bad")).containsExactly("=?UTF-8?B?broken ok");
        assertThat(m.headerValues("Absent")).isEmpty();
    }

    @Test
    void datesInObsoleteForms() {
        assertThat(date("1 Jan 2020 10:00:00 +0000")).isEqualTo("2020-01-01T10:00:00Z");
        assertThat(date("Mon, 01 Jan 99 10:00 EST")).isEqualTo("1999-01-01T15:00:00Z");
        assertThat(date("Sat, 1 Feb 20 23:59:60 GMT")).isEqualTo("2020-02-01T23:59:59Z");
        assertThat(date("Tue,  3 Mar 103 01:02:03 -0130 (odd)")).isEqualTo("2003-03-03T02:32:03Z");
        assertThat(date("Thu Dec  3 04:05:06 2026")).isEqualTo("2026-12-03T04:05:06Z");
        assertThat(date("3 December 2026 04:05:06 pdt")).isEqualTo("2026-12-03T11:05:06Z");
        assertThat(date("2020 Jan 2 03:04:05 Z")).isEqualTo("2020-01-02T03:04:05Z");
        assertThat(date("2002/09/14 Sat 13:06:03 CDT")).isEqualTo("2002-09-14T18:06:03Z");
        assertThat(date("09/14/2002 13:06")).isEqualTo("2002-09-14T13:06:00Z");
        assertThat(date("14/14/2002 13:06")).isNull();
        assertThat(date("yesterday")).isNull();
        assertThat(date("31 Feb 2020 10:00:00 +0000")).isNull();
        assertThat(date("")).isNull();
    }

    private static String date(String value) {
        Instant t = headers("Date: " + value).sentDate();
        return t == null ? null : t.toString();
    }
}
