package org.filtermx.infrastructure.mtasts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 8461 section 3.1: the {@code _mta-sts} TXT record, including hostile and broken ones. */
class MtaStsRecordTest {

    @Test
    void readsTheIdOfTheRfcExample() {
        assertThat(MtaStsRecord.id(List.of("v=STSv1; id=20160831085700Z;")))
                .contains("20160831085700Z");
        assertThat(MtaStsRecord.id(List.of("v=STSv1;id=abc"))).contains("abc");
        assertThat(MtaStsRecord.id(List.of("v=STSv1 ;\tid=abc ; ext=1.2-x;"))).contains("abc");
    }

    @Test
    void discardsOtherRecordsButNeedsExactlyOneStsRecord() {
        assertThat(MtaStsRecord.id(List.of("v=spf1 -all", "v=STSv1; id=one"))).contains("one");
        assertThat(MtaStsRecord.id(List.of("v=STSv1; id=one", "v=STSv1; id=two"))).isEmpty();
        assertThat(MtaStsRecord.id(List.of())).isEmpty();
    }

    @Test
    void aWrongVersionIsNoPolicy() {
        assertThat(MtaStsRecord.id(List.of("v=STSv2; id=abc"))).isEmpty();
        assertThat(MtaStsRecord.id(List.of("v=stsv1; id=abc"))).isEmpty();
        assertThat(MtaStsRecord.id(List.of("v=STSv10; id=abc"))).isEmpty();
        assertThat(MtaStsRecord.id(List.of("id=abc; v=STSv1;"))).isEmpty();
    }

    @Test
    void malformedRecordsAreNoPolicy() {
        assertThat(MtaStsRecord.id(List.of("v=STSv1;"))).as("no id").isEmpty();
        assertThat(MtaStsRecord.id(List.of("v=STSv1; id="))).isEmpty();
        assertThat(MtaStsRecord.id(List.of("v=STSv1; id=ab-c")))
                .as("id not alphanumeric")
                .isEmpty();
        assertThat(MtaStsRecord.id(List.of("v=STSv1; id=" + "a".repeat(33)))).isEmpty();
        assertThat(MtaStsRecord.id(List.of("v=STSv1; id=a; id=b"))).as("two ids").isEmpty();
        assertThat(MtaStsRecord.id(List.of("v=STSv1; id=a b"))).isEmpty();
        assertThat(MtaStsRecord.id(List.of("v=STSv1; =x; id=a"))).isEmpty();
        assertThat(MtaStsRecord.id(List.of("v=STSv1; id=a;; x=y"))).isEmpty();
    }

    @Test
    void aHugeRecordIsRefusedWithoutScanningIt() {
        String huge = "v=STSv1; id=abc; " + "x=y; ".repeat(200_000);
        long start = System.nanoTime();
        assertThat(MtaStsRecord.id(List.of(huge))).isEmpty();
        assertThat(System.nanoTime() - start).isLessThan(10_000_000_000L);
    }
}
