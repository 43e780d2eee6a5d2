package org.filtermx.infrastructure.filter.auth.dkim;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.SignatureException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.filtermx.domain.model.filter.ScanInterrupted;
import org.filtermx.infrastructure.dns.Deadline;
import org.filtermx.infrastructure.dns.DnsAnswer;
import org.filtermx.infrastructure.dns.DnsLookup;

/**
 * Verifies the DKIM-Signature fields of a message (RFC 6376 section 6): fetches each signer's key
 * from DNS, compares the body hash and checks the signature over the signed header fields.
 * Thread-safe.
 */
public final class DkimVerifier {

    /** The algorithm RFC 8301 made historic; its signatures never pass. */
    static final String HISTORIC_ALGORITHM = "rsa-sha1";

    /** Signatures checked per message; more are ignored, bounding work on hostile input. */
    public static final int DEFAULT_MAX_SIGNATURES = 5;

    private final DnsLookup dns;
    private final int maxSignatures;

    public DkimVerifier(DnsLookup dns, int maxSignatures) {
        this.dns = Objects.requireNonNull(dns, "dns");
        this.maxSignatures = maxSignatures;
    }

    /** One outcome per DKIM-Signature field, top first; empty for an unsigned message. */
    public List<DkimOutcome> verify(byte[] raw, Deadline deadline) {
        RawMessage message = RawMessage.parse(raw);
        Map<Canonicalization, byte[]> bodies = new EnumMap<>(Canonicalization.class);
        List<DkimOutcome> outcomes = new ArrayList<>();
        for (RawMessage.Field field : message.fields()) {
            if (field.name().equalsIgnoreCase("DKIM-Signature")
                    && outcomes.size() < maxSignatures) {
                ScanInterrupted.checkpoint();
                outcomes.add(verify(message, field, bodies, deadline));
            }
        }
        return outcomes;
    }

    private DkimOutcome verify(
            RawMessage message,
            RawMessage.Field field,
            Map<Canonicalization, byte[]> bodies,
            Deadline deadline) {
        DkimSignature signature;
        try {
            signature = DkimSignature.parse(field, Instant.now());
        } catch (IllegalArgumentException e) {
            return new DkimOutcome(DkimOutcome.Status.FAIL, "", "", false, e.getMessage());
        }
        if (signature.algorithm().equals(HISTORIC_ALGORITHM)) {
            // RFC 8301 section 3.1: rsa-sha1 MUST NOT be used for verifying, and such signatures
            // "have permanently failed evaluation" (RFC 6376 section 3.9, PERMFAIL). The key is
            // not even fetched; RFC 8601 section 2.7.1 reports this as permerror.
            return outcome(
                    signature,
                    DkimOutcome.Status.PERMERROR,
                    false,
                    "rsa-sha1 is not accepted (RFC 8301)");
        }
        DnsAnswer<String> answer = dns.txt(signature.keyName(), deadline);
        if (answer.temporary()) {
            return outcome(signature, DkimOutcome.Status.TEMPERROR, false, answer.detail());
        }
        if (answer.values().isEmpty()) {
            return fail(signature, "no key at " + signature.keyName());
        }
        try {
            DkimKey key = DkimKey.parse(answer.values().get(0));
            byte[] body =
                    bodies.computeIfAbsent(
                            signature.bodyCanonicalization(), c -> c.body(message.body()));
            return check(message, signature, key, body);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return fail(signature, e.getMessage());
        }
    }

    private static DkimOutcome check(
            RawMessage message, DkimSignature signature, DkimKey key, byte[] body)
            throws GeneralSecurityException {
        if (key.strictIdentity() && !signature.agentDomain().equals(signature.domain())) {
            return fail(signature, "key requires i= to be in d= exactly (t=s)");
        }
        if (!key.allowsHash(signature.algorithm())
                || !signature.algorithm().startsWith(key.type() + "-")) {
            return fail(signature, "key does not allow " + signature.algorithm());
        }
        long length = signature.bodyLength() < 0 ? body.length : signature.bodyLength();
        if (length > body.length) {
            return fail(signature, "l= is longer than the body");
        }
        MessageDigest bodyDigest = MessageDigest.getInstance(signature.hashAlgorithm());
        bodyDigest.update(body, 0, (int) length);
        if (!MessageDigest.isEqual(bodyDigest.digest(), signature.bodyHash())) {
            return fail(signature, "body hash mismatch");
        }
        byte[] signed = SignedHeaders.of(message, signature).getBytes(StandardCharsets.ISO_8859_1);
        if (!verifies(signature, key, signed)) {
            return fail(signature, "signature mismatch");
        }
        boolean partial = length < body.length;
        String weakness =
                partial ? "l= leaves " + (body.length - length) + " body octets unsigned" : "";
        return outcome(signature, DkimOutcome.Status.PASS, partial, weakness);
    }

    private static boolean verifies(DkimSignature signature, DkimKey key, byte[] signed)
            throws GeneralSecurityException {
        Signature verifier;
        if (key.type().equals("ed25519")) {
            // RFC 8463 section 3: Ed25519 signs the SHA-256 hash of the header data.
            verifier = Signature.getInstance("Ed25519");
            signed = MessageDigest.getInstance("SHA-256").digest(signed);
        } else {
            verifier =
                    Signature.getInstance(signature.hashAlgorithm().replace("-", "") + "withRSA");
        }
        verifier.initVerify(key.key());
        verifier.update(signed);
        try {
            return verifier.verify(signature.signature());
        } catch (SignatureException e) {
            return false;
        }
    }

    private static DkimOutcome fail(DkimSignature signature, String detail) {
        return outcome(signature, DkimOutcome.Status.FAIL, false, detail);
    }

    private static DkimOutcome outcome(
            DkimSignature signature, DkimOutcome.Status status, boolean weak, String detail) {
        return new DkimOutcome(status, signature.domain(), signature.selector(), weak, detail);
    }
}
