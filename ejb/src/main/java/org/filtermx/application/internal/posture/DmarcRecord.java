package org.filtermx.application.internal.posture;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * A domain's DMARC record (RFC 7489 section 6.3) as far as posture needs it: the TXT text starting
 * {@code v=DMARC1}, its {@code p=} and its {@code rua=} addresses, read by splitting on {@code ;}
 * and {@code ,} (no pattern on DNS text).
 */
public record DmarcRecord(String text, String policy, List<String> rua) {

    /** Section 6.6.3: exactly one record starting {@code v=DMARC1}; several or none = none. */
    public static Optional<DmarcRecord> of(List<String> texts) {
        DmarcRecord found = null;
        for (String t : texts) {
            String s = t.strip();
            if (s.length() >= 8 && s.regionMatches(true, 0, "v=DMARC1", 0, 8)) {
                if (found != null) {
                    return Optional.empty();
                }
                found = parse(s);
            }
        }
        return Optional.ofNullable(found);
    }

    static DmarcRecord parse(String text) {
        String policy = null;
        List<String> rua = new ArrayList<>();
        for (String tag : text.split(";", 32)) {
            int eq = tag.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = LowerCase.of(tag.substring(0, eq).strip());
            String value = tag.substring(eq + 1).strip();
            if (key.equals("p")) {
                policy = LowerCase.of(value);
            } else if (key.equals("rua")) {
                for (String uri : value.split(",", 16)) {
                    String u = uri.strip();
                    // Section 6.2: a size limit may follow "!"; mailto: is the scheme used.
                    int bang = u.indexOf('!');
                    if (bang >= 0) {
                        u = u.substring(0, bang);
                    }
                    if (u.regionMatches(true, 0, "mailto:", 0, 7)) {
                        rua.add(LowerCase.of(u.substring(7)));
                    }
                }
            }
        }
        return new DmarcRecord(text, policy, List.copyOf(rua));
    }

    public boolean reportsTo(String address) {
        return rua.contains(LowerCase.of(address));
    }
}
