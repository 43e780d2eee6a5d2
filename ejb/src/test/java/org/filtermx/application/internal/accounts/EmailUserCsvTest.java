package org.filtermx.application.internal.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.filtermx.application.InvalidRequest;
import org.filtermx.domain.model.account.PasswordHash;
import org.junit.jupiter.api.Test;

class EmailUserCsvTest {

    private static EmailUserCsv.Parsed parse(String csv) {
        return EmailUserCsv.parse(csv.getBytes(StandardCharsets.UTF_8), "example.com");
    }

    @Test
    void readsQuotedFieldsWithCommasQuotesAndLineBreaks() {
        EmailUserCsv.Parsed p =
                parse(
                        "address,password,frequency\r\n"
                                + "ann@example.com,\"pass,with \"\"quotes\"\"\r\nand a line\",daily\r\n"
                                + "bob@example.com,,weekly\r\n");
        assertThat(p.errors()).isEmpty();
        assertThat(p.rows())
                .extracting(EmailUserImport.Row::address)
                .containsExactly("ann@example.com", "bob@example.com");
        assertThat(p.rows().get(0).password()).isEqualTo("pass,with \"quotes\"\r\nand a line");
        assertThat(p.rows().get(1).line()).as("the line the record starts on").isEqualTo(4);
        assertThat(p.lines()).isEqualTo(4);
    }

    @Test
    void skipsAByteOrderMarkAndDetectsSemicolons() {
        EmailUserCsv.Parsed p =
                parse(
                        "\uFEFFemail;frequency;format\nann@example.com;daily;pdf\n\"bob@other.example\";never\n");
        assertThat(p.rows())
                .extracting(EmailUserImport.Row::address)
                .containsExactly("ann@example.com");
        assertThat(p.rows().get(0).frequency()).isEqualTo("daily");
        assertThat(p.rows().get(0).format()).isEqualTo("pdf");
        assertThat(p.errors()).singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(3));
    }

    @Test
    void mapsColumnsByHeaderNameInAnyOrder() {
        EmailUserCsv.Parsed p = parse("Report-Format, Address\nhtml, ANN@example.com\n");
        assertThat(p.rows())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.address()).isEqualTo("ann@example.com");
                            assertThat(r.format()).isEqualTo("html");
                        });
    }

    @Test
    void withoutHeaderTheColumnsAreAddressPasswordFrequencyFormat() {
        EmailUserCsv.Parsed p = parse("ann@example.com,Secret-pass-1,weekly,pdf\n");
        assertThat(p.rows())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.password()).isEqualTo("Secret-pass-1");
                            assertThat(r.frequency()).isEqualTo("weekly");
                        });
    }

    @Test
    void takesOnlyWellFormedPasswordHashes() {
        String hash = PasswordHash.create("Imported-pass-1".toCharArray());
        EmailUserCsv.Parsed p =
                parse(
                        "address,password_hash\nann@example.com,"
                                + hash
                                + "\nbob@example.com,$1$abc$def\n"
                                + "cy@example.com,plain-text-password\n");
        assertThat(p.rows())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.passwordHash()).isEqualTo(hash);
                            assertThat(r.hashed().passwordHash()).isEqualTo(hash);
                        });
        assertThat(p.errors()).extracting(e -> e.line()).containsExactly(3, 4);
        assertThat(p.errors().get(0).error()).contains("pbkdf2-sha256");
        assertThat(p.errors().get(0).text()).as("no secret echoed").isEqualTo("bob@example.com");
    }

    @Test
    void reportsBadLinesAndReadsOn() {
        EmailUserCsv.Parsed p =
                parse(
                        "address\nnot-an-address\nann@example.com,x,daily,html,extra\n"
                                + "ann@elsewhere.example\ndee@example.com\ndee@example.com\n");
        assertThat(p.rows())
                .extracting(EmailUserImport.Row::address)
                .containsExactly("dee@example.com");
        assertThat(p.errors()).extracting(e -> e.line()).containsExactly(2, 3, 4, 6);
        assertThat(p.errors().get(1).error()).contains("too many fields");
        assertThat(p.errors().get(3).error()).contains("listed twice");
    }

    @Test
    void refusesAFileThatIsNotCsv() {
        assertThatThrownBy(
                        () -> parse("address\nbob@example.com\nann@example.com,\"unclosed\nmore\n"))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageStartingWith("line 3:")
                .hasMessageContaining("malformed");
        assertThatThrownBy(() -> parse("address\nann@example.com,\"x\"y\n"))
                .hasMessageStartingWith("line 2:");
        assertThatThrownBy(
                        () ->
                                EmailUserCsv.parse(
                                        new byte[] {'a', (byte) 0xff, '\n'}, "example.com"))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> parse("address,colour\nann@example.com,red\n"))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("unknown column 'colour'");
        assertThatThrownBy(() -> parse("")).isInstanceOf(InvalidRequest.class);
    }

    @Test
    void capsSizeAndUserCount() {
        assertThatThrownBy(
                        () ->
                                EmailUserCsv.parse(
                                        new byte[EmailUserCsv.MAX_BYTES + 1], "example.com"))
                .hasMessageContaining("larger than");
        StringBuilder many = new StringBuilder("address\n");
        for (int i = 0; i <= 10_000; i++) {
            many.append("u").append(i).append("@example.com\n");
        }
        long start = System.nanoTime();
        assertThatThrownBy(() -> parse(many.toString()))
                .hasMessageContaining("at most 10000 users");
        assertThat(System.nanoTime() - start).isLessThan(20_000_000_000L);
    }

    @Test
    void readsAHostileUnbalancedQuoteInLinearTime() {
        String hostile = "address\n\"" + "\"\"".repeat(1_000_000);
        long start = System.nanoTime();
        assertThatThrownBy(() -> parse(hostile)).isInstanceOf(InvalidRequest.class);
        assertThat(System.nanoTime() - start).isLessThan(20_000_000_000L);
    }
}
