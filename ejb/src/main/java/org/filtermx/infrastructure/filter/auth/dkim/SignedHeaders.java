package org.filtermx.infrastructure.filter.auth.dkim;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The header data a DKIM signature covers (RFC 6376 section 3.7): the h= fields, each instance
 * taken from the bottom up, then the signature field itself with an empty b= value.
 */
final class SignedHeaders {

    /** The b= tag's value (not bh=), which section 3.5 says is hashed as empty. */
    private static final Pattern SIGNATURE_VALUE =
            Pattern.compile("(^|;)([ \\t\\r\\n]*b[ \\t\\r\\n]*=)[^;]*");

    private SignedHeaders() {}

    static String of(RawMessage message, DkimSignature signature) {
        Canonicalization canonicalization = signature.headerCanonicalization();
        List<RawMessage.Field> fields = message.fields();
        Map<String, Integer> used = new HashMap<>();
        StringBuilder data = new StringBuilder();
        for (String name : signature.signedHeaders()) {
            // Section 5.4.2: the n-th mention of a name is its n-th instance from the bottom;
            // a name listed more often than present signs its absence and adds nothing.
            int skip = used.merge(name, 1, Integer::sum) - 1;
            for (int i = fields.size() - 1; i >= 0; i--) {
                if (fields.get(i).name().equalsIgnoreCase(name) && skip-- == 0) {
                    data.append(canonicalization.header(fields.get(i).text()));
                    break;
                }
            }
        }
        String own = signature.field().text();
        int colon = own.indexOf(':');
        String emptied =
                own.substring(0, colon + 1)
                        + SIGNATURE_VALUE.matcher(own.substring(colon + 1)).replaceFirst("$1$2");
        String canonical = canonicalization.header(emptied);
        return data.append(canonical, 0, canonical.length() - 2).toString();
    }
}
