package org.filtermx.imap.api;

import java.util.List;
import java.util.Objects;

/**
 * One folder a login sees, for LIST and LSUB (RFC 3501 section 7.2.2): its full name with {@code /}
 * as the hierarchy delimiter, and its attributes as they are written on the wire, mailbox
 * attributes of RFC 3501 and special-use attributes of RFC 6154 alike ({@code \Noselect}, {@code
 * \HasChildren}, {@code \HasNoChildren}, {@code \Junk}, {@code \Sent}, ...).
 */
public record MailboxInfo(String name, List<String> attributes) {

    public MailboxInfo {
        Objects.requireNonNull(name, "name");
        attributes = List.copyOf(attributes);
    }
}
