package org.filtermx.infrastructure.mtasts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.filtermx.domain.model.mtasts.MtaStsMode;
import org.filtermx.domain.model.mtasts.MtaStsPolicy;
import org.junit.jupiter.api.Test;

/** RFC 8461 section 3.2: the policy file, including hostile and broken ones. */
class MtaStsPolicyParserTest {

    @Test
    void parsesTheRfcExample() throws Exception {
        MtaStsPolicy policy =
                MtaStsPolicyParser.parse(
                        "version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\n"
                                + "mx: *.example.net\r\nmx: backupmx.example.com\r\n"
                                + "max_age: 604800\r\n",
                        "id1");
        assertThat(policy.id()).isEqualTo("id1");
        assertThat(policy.mode()).isEqualTo(MtaStsMode.ENFORCE);
        assertThat(policy.mx())
                .containsExactly("mail.example.com", "*.example.net", "backupmx.example.com");
        assertThat(policy.maxAgeSeconds()).isEqualTo(604800);
    }

    @Test
    void acceptsBareLineFeedsAnyOrderUnknownKeysAndNoFinalNewline() throws Exception {
        MtaStsPolicy policy =
                MtaStsPolicyParser.parse(
                        "max_age: 86400\nfuture_key: whatever\nmx: MX.Example.COM.\n"
                                + "mode: testing\nversion: STSv1",
                        "id2");
        assertThat(policy.mode()).isEqualTo(MtaStsMode.TESTING);
        assertThat(policy.mx()).containsExactly("mx.example.com");
    }

    @Test
    void capsMaxAgeAtAboutAYear() throws Exception {
        assertThat(
                        MtaStsPolicyParser.parse(
                                        "version: STSv1\nmode: none\nmax_age: 9999999999\n", "i")
                                .maxAgeSeconds())
                .isEqualTo(MtaStsPolicy.MAX_AGE_LIMIT);
    }

    @Test
    void modeNoneNeedsNoMx() throws Exception {
        assertThat(MtaStsPolicyParser.parse("version: STSv1\nmode: none\nmax_age: 1\n", "i").mx())
                .isEmpty();
    }

    @Test
    void refusesWrongVersionsAndMissingFields() {
        invalid("version: STSv2\nmode: enforce\nmx: a.example\nmax_age: 1\n", "version");
        invalid("mode: enforce\nmx: a.example\nmax_age: 1\n", "version");
        invalid("version: STSv1\nmx: a.example\nmax_age: 1\n", "no mode");
        invalid("version: STSv1\nmode: enforce\nmx: a.example\n", "no max_age");
        invalid("version: STSv1\nmode: enforce\nmax_age: 1\n", "without mx");
        invalid("version: STSv1\nmode: ENFORCE\nmx: a.example\nmax_age: 1\n", "mode");
    }

    @Test
    void refusesMalformedValues() {
        invalid("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: -1\n", "max_age");
        invalid("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 12345678901\n", "max_age");
        invalid("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 1e5\n", "max_age");
        invalid("version: STSv1\nmode: enforce\nmx: *\nmax_age: 1\n", "mx");
        invalid("version: STSv1\nmode: enforce\nmx: a*.example\nmax_age: 1\n", "mx");
        invalid("version: STSv1\nmode: enforce\nmx: a..example\nmax_age: 1\n", "mx");
        invalid("version: STSv1\nmode: enforce\nmx: a_b.example\nmax_age: 1\n", "mx");
        invalid("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 1\njunk\n", "line");
        invalid("<html><body>Not found</body></html>", "line");
    }

    @Test
    void refusesHugePoliciesAndTooManyMxQuickly() {
        String many =
                "version: STSv1\nmode: enforce\nmax_age: 1\n"
                        + "mx: a.example\n".repeat(MtaStsPolicyParser.MAX_MX_PATTERNS + 1);
        invalid(many, "mx patterns");
        String huge = "version: STSv1\nmode: none\nmax_age: 1\n" + "x: y\n".repeat(100_000);
        long start = System.nanoTime();
        invalid(huge, "longer than");
        assertThat(System.nanoTime() - start).isLessThan(10_000_000_000L);
    }

    private static void invalid(String body, String why) {
        assertThatThrownBy(() -> MtaStsPolicyParser.parse(body, "i"))
                .isInstanceOf(MtaStsPolicyParser.InvalidPolicy.class)
                .hasMessageContaining(why);
    }
}
