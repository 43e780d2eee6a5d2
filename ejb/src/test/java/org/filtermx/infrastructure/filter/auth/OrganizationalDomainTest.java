package org.filtermx.infrastructure.filter.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrganizationalDomainTest {

    @ParameterizedTest
    @CsvSource({
        "example.com, example.com",
        "mail.example.com, example.com",
        "a.b.Example.COM., example.com",
        "news.example.co.uk, example.co.uk",
        "example.co.uk, example.co.uk",
        "shop.example.com.au, example.com.au",
        "com, com",
        "mail.bank.co.uk, bank.co.uk",
        "a.b.example.com, example.com",
        "attacker.co.ke, attacker.co.ke",
        "www.city.kawasaki.jp, city.kawasaki.jp",
        "a.b.foo.blogspot.com, foo.blogspot.com",
        "host.example.unlistedtld, example.unlistedtld",
    })
    void takesOneLabelBelowThePublicSuffix(String domain, String organization) {
        assertThat(OrganizationalDomain.of(domain)).isEqualTo(organization);
    }

    @Test
    void alignsRelaxedlyByOrganizationAndStrictlyByName() {
        assertThat(OrganizationalDomain.aligned("bounce.example.com", "example.com", false))
                .isTrue();
        assertThat(OrganizationalDomain.aligned("bounce.example.com", "example.com", true))
                .isFalse();
        assertThat(OrganizationalDomain.aligned("Example.com.", "example.com", true)).isTrue();
        assertThat(OrganizationalDomain.aligned("a.co.uk", "b.co.uk", false)).isFalse();
        assertThat(OrganizationalDomain.aligned("", "example.com", false)).isFalse();
    }

    @Test
    void doesNotAlignSiblingsUnderAMultiLabelPublicSuffix() {
        assertThat(OrganizationalDomain.aligned("attacker.co.ke", "bank.co.ke", false)).isFalse();
        assertThat(OrganizationalDomain.aligned("evil.blogspot.com", "bank.blogspot.com", false))
                .isFalse();
        assertThat(OrganizationalDomain.aligned("mail.bank.co.uk", "bank.co.uk", false)).isTrue();
        assertThat(OrganizationalDomain.aligned("a.b.example.com", "example.com", false)).isTrue();
    }

    @Test
    void usesTheOperatorsListAndRereadsItWhenItChanges(@TempDir Path dir) throws Exception {
        Path list = dir.resolve("public_suffix_list.dat");
        Files.writeString(list, "// ===BEGIN ICANN DOMAINS===\ncom\n// ===END ICANN DOMAINS===\n");
        PublicSuffixes suffixes = new PublicSuffixes(list);
        assertThat(OrganizationalDomain.of("a.b.example.com", suffixes)).isEqualTo("example.com");

        Files.writeString(
                list,
                "// ===BEGIN ICANN DOMAINS===\ncom\nexample.com\n// ===END ICANN DOMAINS===\n");
        Files.setLastModifiedTime(list, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        suffixes.reloadIfChanged();
        assertThat(OrganizationalDomain.of("a.b.example.com", suffixes)).isEqualTo("b.example.com");
    }

    @Test
    void fallsBackToTheBundledListWhenTheOperatorsFileIsMissing(@TempDir Path dir) {
        PublicSuffixes suffixes = new PublicSuffixes(dir.resolve("missing.dat"));
        assertThat(OrganizationalDomain.of("mail.bank.co.uk", suffixes)).isEqualTo("bank.co.uk");
    }

    @Test
    void comparesHostileNamesWholeAndQuickly() {
        String longName = "a.".repeat(500_000) + "example.com";
        assertTimeoutPreemptively(
                Duration.ofSeconds(2),
                () -> {
                    assertThat(OrganizationalDomain.of(longName)).isEqualTo(longName);
                    assertThat(OrganizationalDomain.of("x..co.uk")).isEqualTo("x..co.uk");
                });
    }
}
