package org.filtermx.infrastructure.filter.auth.spf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpfMacroTest {

    private static SpfMacro rfcExample(String ip) throws Exception {
        return new SpfMacro(
                "strong-bad@email.example.com",
                "email.example.com",
                InetAddress.getByName(ip),
                "mx.example.org");
    }

    /** The examples of RFC 7208 section 7.4. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "%{s}|strong-bad@email.example.com",
                "%{o}|email.example.com",
                "%{d}|email.example.com",
                "%{d4}|email.example.com",
                "%{d3}|email.example.com",
                "%{d2}|example.com",
                "%{d1}|com",
                "%{dr}|com.example.email",
                "%{d2r}|example.email",
                "%{l}|strong-bad",
                "%{l-}|strong.bad",
                "%{lr}|strong-bad",
                "%{lr-}|bad.strong",
                "%{l1r-}|strong",
                "%{ir}.%{v}._spf.%{d2}|3.2.0.192.in-addr._spf.example.com",
                "%{lr-}.lp._spf.%{d2}|bad.strong.lp._spf.example.com",
                "%{lr-}.lp.%{ir}.%{v}._spf.%{d2}|bad.strong.lp.3.2.0.192.in-addr._spf.example.com",
                "%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}|3.2.0.192.in-addr.strong.lp._spf.example.com",
                "%{d2}.trusted-domains.example.net|example.com.trusted-domains.example.net",
            })
    void expandsTheRfcExamples(String spec, String expanded) throws Exception {
        assertThat(rfcExample("192.0.2.3").expand(spec)).isEqualTo(expanded);
    }

    @Test
    void expandsIpv6AsReversedNibbles() throws Exception {
        assertThat(rfcExample("2001:db8::cb01").expand("%{ir}.%{v}._spf.%{d2}"))
                .isEqualTo(
                        "1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2"
                                + ".ip6._spf.example.com");
    }

    @Test
    void urlEscapesUpperCaseMacrosAndExpandsEscapes() throws Exception {
        SpfMacro macro =
                new SpfMacro(
                        "a+b c@example.com",
                        "example.com",
                        InetAddress.getByName("192.0.2.3"),
                        "h");

        assertThat(macro.expand("%{L}%%%_%-")).isEqualTo("a%2Bb%20c% %20");
    }

    @Test
    void shortensLongNamesFromTheLeft() throws Exception {
        String longLocal = "x".repeat(60) + "." + "y".repeat(60) + "." + "z".repeat(60);
        SpfMacro macro =
                new SpfMacro(
                        longLocal + "@example.com",
                        "example.com",
                        InetAddress.getByName("192.0.2.3"),
                        "h");

        String name = macro.expandDomain("%{l}.%{l}.example.com");

        assertThat(name).hasSizeLessThanOrEqualTo(253).endsWith(".example.com");
    }

    @ParameterizedTest
    @CsvSource({"%{x}", "%{d0}", "%{c}", "%", "%{d", "%{d2r!}", "a%b"})
    void rejectsMalformedMacrosAsPermerror(String spec) {
        assertThatThrownBy(() -> SpfMacro.validate(spec))
                .isInstanceOfSatisfying(
                        SpfException.class,
                        e -> assertThat(e.result()).isEqualTo(SpfResult.PERMERROR));
    }
}
