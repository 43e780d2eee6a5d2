package org.filtermx.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Delivery times come from the most trustworthy place a message has: the mbox line, the local
 * delivery stamp, the topmost Received field, and only then the sender's Date.
 */
class DeliveryTimeTest {

    @Test
    void theMboxFromLineWinsOverEveryField() throws IOException {
        assertStamp(
                "mbox-from-line.eml", "2002-10-10T12:32:37Z", DeliveryTime.Source.MBOX_FROM_LINE);
    }

    @Test
    void deliveryDateComesBeforeReceived() throws IOException {
        assertStamp("delivery-date.eml", "2002-09-06T19:02:23Z", DeliveryTime.Source.DELIVERY_DATE);
    }

    @Test
    void theTopmostReceivedIsReadAfterItsLastSemicolonNotTheForgedDate() throws IOException {
        // Folded over three lines, a zone offset and a comment; the Date field says 2030.
        assertStamp("received-topmost.eml", "2002-10-10T19:32:37Z", DeliveryTime.Source.RECEIVED);
    }

    @Test
    void dateIsTheLastResortWithObsoleteYearAndZone() throws IOException {
        assertStamp("date-only.eml", "2002-09-01T14:00:00Z", DeliveryTime.Source.DATE);
    }

    @Test
    void nothingParsableMeansNoTimeAndTheBodyIsNeverRead() throws IOException {
        assertTrue(DeliveryTime.of(fixture("undated.eml")).isEmpty());
    }

    @Test
    void parsesTheFormsFoundInMail() {
        assertEquals(at("2002-09-06T19:02:23Z"), DeliveryTime.parse("Fri Sep  6 19:02:23 2002"));
        assertEquals(
                at("2024-03-12T06:41:05Z"), DeliveryTime.parse("Tue, 12 Mar 2024 07:41:05 +0100"));
        assertEquals(at("2002-08-01T04:00:00Z"), DeliveryTime.parse("1 Aug 2002 00:00 EDT"));
        assertEquals(
                at("1999-12-31T23:59:59Z"),
                DeliveryTime.parse("Fri, 31 Dec 99 23:59:60 GMT (leap second, comment)"));
        assertEquals(
                at("2002-10-10T12:32:37Z"),
                DeliveryTime.receivedDate(
                        "from a (b [192.0.2.1]) by c; id x; Thu, 10 Oct 2002 12:32:37 +0000"));
    }

    @Test
    void refusesImpossibleOrImplausibleDates() {
        assertTrue(DeliveryTime.parse("Thu, 32 Oct 2002 12:00:00 +0000").isEmpty());
        assertTrue(DeliveryTime.parse("Thu, 10 Oct 2002 25:00:00 +0000").isEmpty());
        assertTrue(DeliveryTime.parse("Thu, 1 Jan 1970 00:00:00 +0000").isEmpty());
        assertTrue(DeliveryTime.parse("Thu, 10 Oct 2002").isEmpty());
        assertTrue(DeliveryTime.receivedDate("from a by b with SMTP").isEmpty());
    }

    private static void assertStamp(String file, String instant, DeliveryTime.Source source)
            throws IOException {
        Optional<DeliveryTime.Stamp> stamp = DeliveryTime.of(fixture(file));
        assertEquals(Optional.of(new DeliveryTime.Stamp(Instant.parse(instant), source)), stamp);
    }

    private static Optional<Instant> at(String instant) {
        return Optional.of(Instant.parse(instant));
    }

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = DeliveryTimeTest.class.getResourceAsStream("delivery-time/" + name)) {
            if (in == null) {
                throw new IOException("missing fixture " + name);
            }
            return in.readAllBytes();
        }
    }
}
