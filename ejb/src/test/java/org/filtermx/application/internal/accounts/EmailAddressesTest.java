package org.filtermx.application.internal.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailAddressesTest {

    @Test
    void acceptsCommonAddressesAndRefusesMalformedOnes() {
        assertThat(EmailAddresses.valid("bob.smith+tag@example.com")).isTrue();
        assertThat(EmailAddresses.valid("bob@@example.com")).isFalse();
        assertThat(EmailAddresses.valid("bob..smith@example.com")).isFalse();
        assertThat(EmailAddresses.valid(".bob@example.com")).isFalse();
        assertThat(EmailAddresses.valid("bob smith@example.com")).isFalse();
        assertThat(EmailAddresses.valid("a".repeat(65) + "@example.com")).isFalse();
    }

    @Test
    void aHostileMegabyteIsRefusedWithoutBeingScanned() {
        // One megabyte of what the local part's class accepts, then '@' and more of the domain's:
        // refused by its length before the pattern sees it; the pattern alone is bounded too.
        String hostile = "a".repeat(1 << 19) + "@" + "a.".repeat(1 << 18);
        long start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            assertThat(EmailAddresses.valid(hostile)).isFalse();
        }
        assertThat(EmailAddresses.valid("a".repeat(64) + "@" + "b".repeat(253))).isTrue();
        assertThat(System.nanoTime() - start).isLessThan(10_000_000_000L);
    }
}
