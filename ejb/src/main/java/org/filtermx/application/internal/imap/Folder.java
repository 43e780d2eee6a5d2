package org.filtermx.application.internal.imap;

import org.filtermx.application.QuarantineService;
import org.filtermx.domain.model.quarantine.MailboxScope;

/**
 * What a folder name stands for, for one login (operator guide, "IMAP quarantine (143 and 993)").
 */
sealed interface Folder {

    String name();

    /** Held messages in the login's view: {@code INBOX}, {@code Outgoing}, a domain's of those. */
    record Quarantine(String name, MailboxScope scope) implements Folder {}

    /** A folder whose only use is as a target: a copy into it acts on the message; always empty. */
    record ActionFolder(String name, QuarantineService.Action action) implements Folder {}

    /** A selectable folder that never holds anything: an administrator's own {@code INBOX}. */
    record Empty(String name) implements Folder {}

    /** A level of the tree that is no folder itself ({@code \Noselect}): a domain's name. */
    record Container(String name) implements Folder {}
}
