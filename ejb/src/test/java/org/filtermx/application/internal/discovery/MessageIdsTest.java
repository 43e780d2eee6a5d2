package org.filtermx.application.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageIdsTest {

    @Test
    void inReplyToComesFirstThenTheNewestReferences() {
        assertThat(MessageIds.of("<c@x>", "<a@x> <b@x>\r\n <c@x>"))
                .containsExactly("c@x", "b@x", "a@x");
    }

    @Test
    void junkBetweenAndWithoutBracketsIsIgnored() {
        assertThat(
                        MessageIds.of(
                                "Your message of Monday <m1@host> (comment)",
                                "no ids here <> <noat>"))
                .containsExactly("m1@host");
        assertThat(MessageIds.of(null, null)).isEmpty();
    }

    @Test
    void atMostTenIdsOfBoundedLengthAreKept() {
        StringBuilder refs = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            refs.append("<id").append(i).append("@x> ");
        }
        assertThat(MessageIds.of(null, refs.toString()))
                .hasSize(MessageIds.MAX_IDS)
                .first()
                .satisfies(id -> assertThat(id).startsWith("id").endsWith("@x"));
        assertThat(MessageIds.of("<" + "a".repeat(300) + "@x>", null)).isEmpty();
    }
}
