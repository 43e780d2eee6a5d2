package org.filtermx.imap.server.message;

import java.util.List;

/**
 * Writes the ENVELOPE of a message (RFC 3501 section 7.4.2) from its header section: field values
 * raw (not RFC 2047 decoded, as servers send them), NIL for absent fields, Sender and Reply-To
 * defaulting to From.
 */
final class EnvelopeWriter {

    private EnvelopeWriter() {}

    static void write(ImapOutput out, HeaderSection h) {
        out.open();
        out.nstring(h.first("date")).sp();
        out.nstring(h.first("subject")).sp();
        List<AddressList.Address> from = addresses(h, "from");
        addresses(out, from).sp();
        List<AddressList.Address> sender = addresses(h, "sender");
        addresses(out, sender == null || sender.isEmpty() ? from : sender).sp();
        List<AddressList.Address> replyTo = addresses(h, "reply-to");
        addresses(out, replyTo == null || replyTo.isEmpty() ? from : replyTo).sp();
        addresses(out, addresses(h, "to")).sp();
        addresses(out, addresses(h, "cc")).sp();
        addresses(out, addresses(h, "bcc")).sp();
        out.nstring(h.first("in-reply-to")).sp();
        out.nstring(h.first("message-id"));
        out.close();
    }

    private static List<AddressList.Address> addresses(HeaderSection h, String name) {
        String v = h.first(name);
        return v == null ? null : AddressList.parse(v);
    }

    private static ImapOutput addresses(ImapOutput out, List<AddressList.Address> list) {
        if (list == null || list.isEmpty()) {
            return out.nil();
        }
        out.open();
        for (AddressList.Address a : list) {
            out.open();
            out.nstring(a.name()).sp().nstring(a.adl()).sp();
            out.nstring(a.mailbox()).sp().nstring(a.host());
            out.close();
        }
        return out.close();
    }
}
