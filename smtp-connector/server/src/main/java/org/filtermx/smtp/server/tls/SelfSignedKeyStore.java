package org.filtermx.smtp.server.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.logging.Logger;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed RSA-2048 certificate for the server name, generated once into {@code
 * <dir>/smtp-selfsigned.p12} with a random password beside it (both mode 600), and reused on later
 * starts. Opportunistic STARTTLS between MTAs does not verify certificates (RFC 7435), so this is
 * enough to encrypt until an operator configures a real keystore.
 */
public record SelfSignedKeyStore(KeyStore keyStore, char[] password) {

    private static final Logger LOG = Logger.getLogger(SelfSignedKeyStore.class.getName());
    static final String FILE = "smtp-selfsigned.p12";
    static final String PASSWORD_FILE = FILE + ".password";
    private static final String ALIAS = "smtp";
    private static final Duration VALIDITY = Duration.ofDays(3650);

    public static synchronized SelfSignedKeyStore loadOrCreate(Path directory, String serverName)
            throws IOException, GeneralSecurityException {
        Path store = directory.resolve(FILE);
        Path passwordFile = directory.resolve(PASSWORD_FILE);
        if (Files.exists(store) && Files.exists(passwordFile)) {
            char[] password =
                    Files.readString(passwordFile, StandardCharsets.US_ASCII).trim().toCharArray();
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keyStore.load(in, password);
            }
            return new SelfSignedKeyStore(keyStore, password);
        }
        try {
            Files.createDirectories(
                    directory,
                    PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectories(directory);
        }
        char[] password = randomPassword();
        KeyStore keyStore = generate(serverName, password);
        writePrivate(
                passwordFile,
                out -> out.write(new String(password).getBytes(StandardCharsets.US_ASCII)));
        writePrivate(store, out -> keyStore.store(out, password));
        LOG.info(
                () ->
                        "generated a self-signed STARTTLS certificate for "
                                + serverName
                                + " in "
                                + store);
        return new SelfSignedKeyStore(keyStore, password);
    }

    private static KeyStore generate(String serverName, char[] password)
            throws GeneralSecurityException, IOException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        X500Name subject = new X500Name("CN=" + serverName.replaceAll("[,=+<>#;\"\\\\]", ""));
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder =
                new JcaX509v3CertificateBuilder(
                        subject,
                        new BigInteger(64, new SecureRandom()),
                        Date.from(now.minus(Duration.ofDays(1))),
                        Date.from(now.plus(VALIDITY)),
                        subject,
                        keys.getPublic());
        builder.addExtension(
                Extension.subjectAlternativeName,
                false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, serverName)));
        X509Certificate certificate;
        try {
            certificate =
                    new JcaX509CertificateConverter()
                            .getCertificate(
                                    builder.build(
                                            new JcaContentSignerBuilder("SHA256withRSA")
                                                    .build(keys.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign certificate", e);
        }
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry(
                ALIAS, keys.getPrivate(), password, new X509Certificate[] {certificate});
        return keyStore;
    }

    private static char[] randomPassword() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random).toCharArray();
    }

    /** Writes a file readable by its owner only, atomically. */
    private static void writePrivate(Path target, Content content)
            throws IOException, GeneralSecurityException {
        Path temp =
                Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                LOG.fine(() -> "cannot restrict permissions of " + target);
            }
            try (OutputStream out = Files.newOutputStream(temp)) {
                content.writeTo(out);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @FunctionalInterface
    private interface Content {
        void writeTo(OutputStream out) throws IOException, GeneralSecurityException;
    }
}
