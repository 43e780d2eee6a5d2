package org.filtermx.infrastructure.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.filtermx.application.port.DkimKeyGenerator;
import org.filtermx.domain.model.dkim.DkimAlgorithm;
import org.filtermx.domain.model.dkim.DkimKey;
import org.filtermx.domain.model.dkim.DkimKeyRepository;
import org.filtermx.infrastructure.dns.Deadline;
import org.filtermx.infrastructure.dns.DnsAnswer;
import org.filtermx.infrastructure.dns.DnsLookup;
import org.filtermx.infrastructure.filter.auth.dkim.DkimOutcome;
import org.filtermx.infrastructure.filter.auth.dkim.DkimVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Signs with fresh RSA and Ed25519 keys and checks the result with the gateway's own inbound
 * verifier, which shares no code with the signer (the independent check with dkimpy is DkimIT).
 */
class DkimMessageSignerTest {

    private static final String DOMAIN = "signer.example";

    private static final String MESSAGE =
            String.join(
                    "\r\n",
                    "Received: from client by gateway",
                    "From: Alice <alice@signer.example>",
                    "To: Bob <bob@elsewhere.example>,",
                    "  Carol <carol@elsewhere.example>",
                    "Subject:   a   folded",
                    "\tsubject",
                    "Date: Wed, 02 Dec 2026 21:00:00 +0000",
                    "Message-ID: <1@signer.example>",
                    "MIME-Version: 1.0",
                    "Content-Type: text/plain; charset=utf-8",
                    "X-Unsigned: not in h=",
                    "",
                    "Hello  Bob,  ",
                    "",
                    "bye",
                    "",
                    "",
                    "");

    @TempDir Path dir;

    @ParameterizedTest
    @EnumSource(DkimAlgorithm.class)
    void aSignatureVerifiesWithThePublishedRecord(DkimAlgorithm algorithm) throws Exception {
        DkimKeyGenerator.KeyPair pair = new DkimKeyPairs().generate(algorithm);
        String field = signer(algorithm, pair).sign(DOMAIN, message(MESSAGE)).orElseThrow();

        assertThat(field).startsWith("DKIM-Signature: v=1; a=" + algorithm.tag() + ";");
        assertThat(field).contains("c=relaxed/relaxed", "d=" + DOMAIN, "s=sel", "t=1796245200");
        assertThat(field.replaceAll("\\s", ""))
                .contains("h=from:from:to:subject:date:message-id:mime-version:content-type;");
        assertThat(field).endsWith("\r\n");
        for (String line : field.split("\r\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(78);
        }

        List<DkimOutcome> outcomes = verify(field + MESSAGE, algorithm, pair.publicKey());
        assertThat(outcomes)
                .extracting(DkimOutcome::status)
                .containsExactly(DkimOutcome.Status.PASS);
    }

    @Test
    void aChangedBodyOrAnAddedFromFails() throws Exception {
        DkimKeyGenerator.KeyPair pair = new DkimKeyPairs().generate(DkimAlgorithm.RSA_SHA256);
        String field =
                signer(DkimAlgorithm.RSA_SHA256, pair).sign(DOMAIN, message(MESSAGE)).orElseThrow();
        String altered = field + MESSAGE.replace("bye", "BYE");
        assertThat(verify(altered, DkimAlgorithm.RSA_SHA256, pair.publicKey()))
                .extracting(DkimOutcome::status)
                .containsExactly(DkimOutcome.Status.FAIL);
        String secondFrom = field + "From: mallory@evil.example\r\n" + MESSAGE;
        assertThat(verify(secondFrom, DkimAlgorithm.RSA_SHA256, pair.publicKey()))
                .extracting(DkimOutcome::status)
                .containsExactly(DkimOutcome.Status.FAIL);
    }

    @Test
    void aDomainWithoutActiveKeyAndAMessageWithoutFromAreNotSigned() throws Exception {
        DkimKeyGenerator.KeyPair pair = new DkimKeyPairs().generate(DkimAlgorithm.ED25519_SHA256);
        assertThat(
                        signer(DkimAlgorithm.ED25519_SHA256, pair)
                                .sign("other.example", message(MESSAGE)))
                .isEmpty();
        assertThat(
                        signer(DkimAlgorithm.ED25519_SHA256, pair)
                                .sign(DOMAIN, message("Subject: no from\r\n\r\nbody\r\n")))
                .isEmpty();
    }

    @Test
    void aMessageOverTheBoundIsRefused() throws Exception {
        DkimKeyGenerator.KeyPair pair = new DkimKeyPairs().generate(DkimAlgorithm.ED25519_SHA256);
        DkimMessageSigner small =
                new DkimMessageSigner(repository(DkimAlgorithm.ED25519_SHA256, pair), clock(), 100);
        assertThatThrownBy(() -> small.sign(DOMAIN, message(MESSAGE)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("over the signing bound");
    }

    private Path message(String text) throws IOException {
        Path file = Files.createTempFile(dir, "msg", ".eml");
        Files.writeString(file, text, StandardCharsets.ISO_8859_1);
        return file;
    }

    private static DkimMessageSigner signer(
            DkimAlgorithm algorithm, DkimKeyGenerator.KeyPair pair) {
        return new DkimMessageSigner(repository(algorithm, pair), clock(), 1_000_000);
    }

    private static Clock clock() {
        return Clock.fixed(Instant.ofEpochSecond(1796245200), ZoneOffset.UTC);
    }

    private static DkimKeyRepository repository(
            DkimAlgorithm algorithm, DkimKeyGenerator.KeyPair pair) {
        DkimKey key =
                new DkimKey(1, DOMAIN, "sel", algorithm, pair.publicKey(), true, Instant.now());
        return new DkimKeyRepository() {
            @Override
            public Optional<SigningKey> signingKey(String domain) {
                return domain.equals(DOMAIN)
                        ? Optional.of(new SigningKey(key, pair.privateKey()))
                        : Optional.empty();
            }

            @Override
            public List<DkimKey> list(String domain) {
                return List.of(key);
            }

            @Override
            public Optional<DkimKey> find(String domain, long id) {
                return Optional.of(key);
            }

            @Override
            public Optional<DkimKey> active(String domain) {
                return Optional.of(key);
            }

            @Override
            public Optional<DkimKey> add(
                    String d, String s, DkimAlgorithm a, String pub, byte[] priv) {
                return Optional.empty();
            }

            @Override
            public boolean activate(String domain, long id) {
                return false;
            }

            @Override
            public boolean remove(String domain, long id) {
                return false;
            }
        };
    }

    private static List<DkimOutcome> verify(
            String signed, DkimAlgorithm algorithm, String publicKey) {
        String record = "v=DKIM1; k=" + algorithm.keyType() + "; p=" + publicKey;
        DnsLookup dns =
                new DnsLookup() {
                    @Override
                    public DnsAnswer<String> txt(String name, Deadline deadline) {
                        return name.equals("sel._domainkey." + DOMAIN)
                                ? DnsAnswer.found(List.of(record))
                                : DnsAnswer.nxdomain();
                    }

                    @Override
                    public DnsAnswer<InetAddress> a(String name, Deadline deadline) {
                        return DnsAnswer.nxdomain();
                    }

                    @Override
                    public DnsAnswer<InetAddress> aaaa(String name, Deadline deadline) {
                        return DnsAnswer.nxdomain();
                    }

                    @Override
                    public DnsAnswer<String> mx(String name, Deadline deadline) {
                        return DnsAnswer.nxdomain();
                    }

                    @Override
                    public DnsAnswer<String> ptr(InetAddress address, Deadline deadline) {
                        return DnsAnswer.nxdomain();
                    }
                };
        return new DkimVerifier(dns, 5)
                .verify(
                        signed.getBytes(StandardCharsets.ISO_8859_1),
                        Deadline.after(Duration.ofSeconds(5)));
    }
}
