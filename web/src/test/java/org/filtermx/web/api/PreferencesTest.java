package org.filtermx.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Prefer header as RFC 7240 section 2 writes it: lists, values, parameters, repeats. */
class PreferencesTest {

    private static boolean async(String... headers) {
        return Preferences.prefers(
                headers == null ? null : Arrays.asList(headers), Preferences.RESPOND_ASYNC);
    }

    @Test
    void findsRespondAsyncWhereverTheClientPutIt() {
        assertThat(async("respond-async")).isTrue();
        assertThat(async("Respond-Async")).isTrue();
        assertThat(async("return=minimal, respond-async")).isTrue();
        assertThat(async(" respond-async ; foo=bar, wait=10")).isTrue();
        assertThat(async("wait=10", "respond-async")).isTrue();
        assertThat(async("respond-async=1")).isTrue();
    }

    @Test
    void ignoresOtherPreferencesAndLookAlikes() {
        assertThat(async((String[]) null)).isFalse();
        assertThat(Preferences.prefers(List.of(), Preferences.RESPOND_ASYNC)).isFalse();
        assertThat(async("")).isFalse();
        assertThat(async("return=minimal")).isFalse();
        assertThat(async("respond-asynchronously")).isFalse();
        assertThat(async("x=respond-async")).isFalse();
        assertThat(async("wait=respond-async; respond-async")).isFalse();
    }
}
