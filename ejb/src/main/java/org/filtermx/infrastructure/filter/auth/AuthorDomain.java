package org.filtermx.infrastructure.filter.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.filtermx.domain.model.filter.ParsedMessage;

/**
 * The RFC5322.From domain that DMARC protects and DKIM author-domain signatures match: present only
 * when the message has exactly one From field holding exactly one mailbox (RFC 7489 section 6.6.1),
 * otherwise the problem that prevents finding it.
 *
 * @param domain the author's domain in lower case, empty when {@code problem} is set
 * @param problem why there is no single author domain, empty when there is one
 */
public record AuthorDomain(String domain, String problem) {

    private static final Pattern DOMAIN =
            Pattern.compile(
                    "(?i)[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)+");

    /** RFC 1035 section 2.3.4; also bounds the pattern's work. */
    private static final int MAX_DOMAIN = 253;

    public static AuthorDomain of(ParsedMessage message) {
        List<String> fields = message.headers("From");
        if (fields.size() != 1) {
            return invalid(fields.size() + " From header fields");
        }
        List<String> mailboxes = mailboxes(withoutComments(fields.get(0)));
        if (mailboxes.size() != 1) {
            return invalid(mailboxes.size() + " addresses in From");
        }
        String address = mailboxes.get(0);
        int at = address.lastIndexOf('@');
        String domain = at < 0 ? "" : OrganizationalDomain.normalize(address.substring(at + 1));
        if (domain.length() > MAX_DOMAIN || !DOMAIN.matcher(domain).matches()) {
            return invalid("no domain in From address " + address);
        }
        return new AuthorDomain(domain, "");
    }

    public boolean valid() {
        return problem.isEmpty();
    }

    private static AuthorDomain invalid(String problem) {
        return new AuthorDomain("", problem);
    }

    /** The addr-specs of an address list, group members included (RFC 5322 section 3.4). */
    private static List<String> mailboxes(String value) {
        List<String> found = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean angle = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && quoted && i + 1 < value.length()) {
                current.append(c).append(value.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '<') {
                angle = true;
            } else if (!quoted && c == '>') {
                angle = false;
            } else if (!quoted && !angle && (c == ',' || c == ';' || c == ':')) {
                // A group's display name ends at ':' and is no address.
                if (c != ':') {
                    addMailbox(found, current.toString());
                }
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        addMailbox(found, current.toString());
        return found;
    }

    private static void addMailbox(List<String> found, String token) {
        String mailbox = token.strip();
        int open = mailbox.lastIndexOf('<');
        int close = mailbox.lastIndexOf('>');
        if (open >= 0 && close > open) {
            mailbox = mailbox.substring(open + 1, close).strip();
        }
        if (!mailbox.isEmpty()) {
            found.add(mailbox);
        }
    }

    /** Drops RFC 5322 comments, which may nest and may not hide inside quoted strings. */
    private static String withoutComments(String value) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                if (depth == 0) {
                    out.append(c).append(value.charAt(i + 1));
                }
                i++;
            } else if (c == '"' && depth == 0) {
                quoted = !quoted;
                out.append(c);
            } else if (c == '(' && !quoted) {
                depth++;
            } else if (c == ')' && !quoted && depth > 0) {
                depth--;
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
