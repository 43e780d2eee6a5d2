package org.filtermx.infrastructure.dkim;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.filtermx.domain.model.dkim.DkimAlgorithm;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * Makes the {@code DKIM-Signature} header field of a message (RFC 6376 sections 3.5 and 5),
 * relaxed/relaxed, over the usual fields that are present, with {@code From} signed once more than
 * it occurs so that no {@code From} can be added later (section 8.15). Pure: the caller gives the
 * key and the time.
 */
final class DkimSignatures {

    /** The fields signed when present, in this order (section 5.4.1's recommendation, trimmed). */
    static final List<String> SIGNED_FIELDS =
            List.of(
                    "from",
                    "to",
                    "cc",
                    "subject",
                    "date",
                    "message-id",
                    "mime-version",
                    "content-type",
                    "reply-to");

    private static final int FOLD_AT = 72;

    private DkimSignatures() {}

    /**
     * The signature field for {@code message} (CRLF line ends), folded and ended with CRLF; empty
     * when the message has no {@code From} field, which DKIM requires (section 5.4).
     */
    static Optional<String> sign(
            byte[] message,
            String domain,
            String selector,
            DkimAlgorithm algorithm,
            PrivateKey key,
            long epochSeconds) {
        MessageHeader header = MessageHeader.parse(message);
        Map<String, List<String>> byName = new HashMap<>();
        for (String field : header.fields()) {
            byName.computeIfAbsent(name(field), n -> new ArrayList<>()).add(field);
        }
        if (!byName.containsKey("from")) {
            return Optional.empty();
        }
        List<String> signedNames = new ArrayList<>();
        StringBuilder input = new StringBuilder();
        for (String name : SIGNED_FIELDS) {
            List<String> present = byName.getOrDefault(name, List.of());
            // Section 5.4.2: several instances are signed from the bottom up.
            for (int i = present.size() - 1; i >= 0; i--) {
                signedNames.add(name);
                input.append(RelaxedCanonicalization.header(present.get(i)));
            }
            if (name.equals("from")) {
                signedNames.add(name); // the oversigned one: a null string in the hash
            }
        }
        String bodyHash =
                Base64.getEncoder()
                        .encodeToString(
                                RelaxedCanonicalization.bodyHash(message, header.bodyStart()));
        String unsigned =
                "DKIM-Signature: v=1; a="
                        + algorithm.tag()
                        + "; c=relaxed/relaxed;\r\n\td="
                        + domain
                        + "; s="
                        + selector
                        + ";\r\n\tt="
                        + epochSeconds
                        + "; h="
                        + folded(signedNames)
                        + ";\r\n\tbh="
                        + bodyHash
                        + ";\r\n\tb=";
        // Section 3.7: the signature field itself, b= empty, canonicalized, without its CRLF.
        String own = RelaxedCanonicalization.header(unsigned);
        input.append(own, 0, own.length() - 2);
        byte[] signature = signature(algorithm, key, input.toString());
        return Optional.of(unsigned + foldedBase64(signature) + "\r\n");
    }

    /**
     * rsa-sha256 signs the data with SHA-256 inside PKCS#1 v1.5 (section 3.3.1); ed25519-sha256
     * signs the SHA-256 hash of the data with PureEdDSA (RFC 8463 section 3).
     */
    static byte[] signature(DkimAlgorithm algorithm, PrivateKey key, String input) {
        byte[] data = input.getBytes(StandardCharsets.ISO_8859_1);
        try {
            Signature signer;
            if (algorithm == DkimAlgorithm.RSA_SHA256) {
                signer = Signature.getInstance("SHA256withRSA");
            } else {
                signer = Signature.getInstance("Ed25519");
                data = sha256().digest(data);
            }
            signer.initSign(key);
            signer.update(data);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing with " + algorithm.tag() + " failed", e);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The field's name in lower case, without whitespace before the colon. */
    private static String name(String field) {
        int colon = field.indexOf(':');
        return colon < 0 ? "" : LowerCase.of(field.substring(0, colon).strip());
    }

    /** The h= list, folded between names so no line grows long. */
    private static String folded(List<String> names) {
        StringBuilder out = new StringBuilder();
        int line = 20;
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (i > 0) {
                out.append(':');
                line++;
                if (line + name.length() > FOLD_AT) {
                    out.append("\r\n\t ");
                    line = 2;
                }
            }
            out.append(name);
            line += name.length();
        }
        return out.toString();
    }

    private static String foldedBase64(byte[] signature) {
        String b64 = Base64.getEncoder().encodeToString(signature);
        StringBuilder out = new StringBuilder(b64.length() + b64.length() / 60 * 3);
        int first = Math.min(b64.length(), FOLD_AT - 8);
        out.append(b64, 0, first);
        for (int at = first; at < b64.length(); at += FOLD_AT - 8) {
            out.append("\r\n\t ").append(b64, at, Math.min(b64.length(), at + FOLD_AT - 8));
        }
        return out.toString();
    }
}
