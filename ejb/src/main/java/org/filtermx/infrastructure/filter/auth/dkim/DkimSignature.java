package org.filtermx.infrastructure.filter.auth.dkim;

import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.filtermx.domain.model.shared.LowerCase;
import org.filtermx.infrastructure.filter.auth.OrganizationalDomain;
import org.filtermx.infrastructure.filter.auth.TagList;

/**
 * One DKIM-Signature header field, parsed and checked for the tags RFC 6376 section 3.5 requires.
 *
 * @param algorithm {@code rsa-sha256}, {@code rsa-sha1} or {@code ed25519-sha256}
 * @param signedHeaders the h= field names in order, lower case
 * @param bodyLength the l= count, or -1 when the whole body is signed
 * @param expires the x= time, {@code null} without one
 * @param field the header field itself, which the signature also covers
 */
record DkimSignature(
        String domain,
        String selector,
        String algorithm,
        byte[] signature,
        byte[] bodyHash,
        Canonicalization headerCanonicalization,
        Canonicalization bodyCanonicalization,
        List<String> signedHeaders,
        String agentDomain,
        long bodyLength,
        Instant expires,
        RawMessage.Field field) {

    static final List<String> ALGORITHMS = List.of("rsa-sha256", "rsa-sha1", "ed25519-sha256");

    /**
     * @throws IllegalArgumentException for a signature that can never verify: missing or bad tags,
     *     an unknown algorithm, From not signed, i= outside d=
     */
    static DkimSignature parse(RawMessage.Field field, Instant now) {
        TagList tags = TagList.parse(field.value());
        if (!tags.required("v").equals("1")) {
            throw new IllegalArgumentException("unsupported version v=" + tags.required("v"));
        }
        String algorithm = LowerCase.of(tags.required("a"));
        if (!ALGORITHMS.contains(algorithm)) {
            throw new IllegalArgumentException("unsupported algorithm a=" + algorithm);
        }
        String domain = OrganizationalDomain.normalize(tags.required("d"));
        String selector = tags.required("s").strip();
        List<String> headers =
                Arrays.stream(tags.required("h").split(":"))
                        .map(h -> LowerCase.of(h.strip()))
                        .toList();
        if (!headers.contains("from")) {
            throw new IllegalArgumentException("From is not signed (h=)");
        }
        // Section 3.5: i= defaults to @d and must be d= or a subdomain of it.
        String identity = tags.get("i").orElse("@" + domain);
        String agentDomain =
                OrganizationalDomain.normalize(identity.substring(identity.lastIndexOf('@') + 1));
        if (!agentDomain.equals(domain) && !agentDomain.endsWith("." + domain)) {
            throw new IllegalArgumentException("i= " + identity + " is outside d=" + domain);
        }
        String[] canonicalization = tags.get("c").orElse("simple/simple").split("/", 2);
        Instant expires = tags.get("x").map(x -> Instant.ofEpochSecond(number(x))).orElse(null);
        Instant signed = tags.get("t").map(t -> Instant.ofEpochSecond(number(t))).orElse(null);
        if (expires != null && signed != null && expires.isBefore(signed)) {
            throw new IllegalArgumentException("x= is before t=");
        }
        if (expires != null && expires.isBefore(now)) {
            throw new IllegalArgumentException("signature expired at " + expires);
        }
        if (!LowerCase.of(tags.get("q").orElse("dns/txt")).contains("dns/txt")) {
            throw new IllegalArgumentException("unsupported query method q=" + tags.get("q").get());
        }
        return new DkimSignature(
                domain,
                selector,
                algorithm,
                base64(tags.required("b")),
                base64(tags.required("bh")),
                Canonicalization.of(canonicalization[0]),
                canonicalization.length > 1
                        ? Canonicalization.of(canonicalization[1])
                        : Canonicalization.SIMPLE,
                headers,
                agentDomain,
                tags.get("l").map(DkimSignature::number).orElse(-1L),
                expires,
                field);
    }

    /** The name the key is published under (section 3.6.2.1). */
    String keyName() {
        return selector + "._domainkey." + domain;
    }

    String hashAlgorithm() {
        return algorithm.endsWith("sha1") ? "SHA-1" : "SHA-256";
    }

    private static long number(String digits) {
        String value = digits.strip();
        if (!value.matches("\\d{1,15}")) {
            throw new IllegalArgumentException("not a number: " + value);
        }
        return Long.parseLong(value);
    }

    /** Base64 with the folding whitespace section 3.5 allows inside b= and bh= removed. */
    private static byte[] base64(String text) {
        String value = text.replaceAll("[ \\t\\r\\n]", "");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("empty signature value");
        }
        return Base64.getDecoder().decode(value);
    }
}
