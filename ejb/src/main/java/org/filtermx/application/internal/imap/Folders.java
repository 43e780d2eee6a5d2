package org.filtermx.application.internal.imap;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.filtermx.application.QuarantineService.Action;
import org.filtermx.application.Visibility;
import org.filtermx.domain.model.account.AccountRole;
import org.filtermx.domain.model.quarantine.MailboxScope;
import org.filtermx.domain.model.shared.LowerCase;
import org.filtermx.imap.api.MailboxInfo;

/**
 * The folder tree of each kind of login, and what a folder name means for it. A domain login and an
 * email user see their own quarantine at the top ({@code INBOX}, and {@code Outgoing} for a domain,
 * whose held outgoing mail its login may see and delete); administrators and resellers see one
 * branch per domain ({@code example.com/INBOX}, {@code example.com/Outgoing}) under an empty {@code
 * INBOX}, since RFC 3501 section 5.1 gives every login one. The action folders are the same for
 * all; {@code Train as Spam} carries the special-use {@code \Junk} (RFC 6154 section 2), so a
 * client's junk button moves messages there. The delimiter is {@code /}; only {@code INBOX} is
 * matched without regard to case.
 */
final class Folders {

    static final String INBOX = "INBOX";
    static final String OUTGOING = "Outgoing";
    static final String RELEASE = "Release";
    static final String RELEASE_AND_TRAIN = "Release and Train";
    static final String TRAIN_AS_SPAM = "Train as Spam";
    static final char DELIMITER = '/';

    static final String INBOUND = "INBOUND";
    static final String OUTBOUND = "OUTBOUND";

    private static final List<String> LEAF = List.of("\\HasNoChildren");

    private Folders() {}

    /**
     * Every folder {@code access} sees, in the order a client shows them; {@code domains} are the
     * domains of an administrator's or reseller's tree (ignored for other logins).
     */
    static List<MailboxInfo> list(MailboxAccess access, Collection<String> domains) {
        List<MailboxInfo> folders = new ArrayList<>();
        folders.add(new MailboxInfo(INBOX, LEAF));
        AccountRole role = access.login().role();
        if (role == AccountRole.DOMAIN) {
            folders.add(new MailboxInfo(OUTGOING, LEAF));
        }
        if (tree(role)) {
            for (String d : domains.stream().sorted().toList()) {
                folders.add(new MailboxInfo(d, List.of("\\Noselect", "\\HasChildren")));
                folders.add(new MailboxInfo(d + DELIMITER + INBOX, LEAF));
                folders.add(new MailboxInfo(d + DELIMITER + OUTGOING, LEAF));
            }
        }
        folders.add(new MailboxInfo(RELEASE, LEAF));
        folders.add(new MailboxInfo(RELEASE_AND_TRAIN, LEAF));
        folders.add(new MailboxInfo(TRAIN_AS_SPAM, List.of("\\HasNoChildren", "\\Junk")));
        return folders;
    }

    /**
     * What {@code name} means for {@code access}, or empty when it sees no such folder; {@code
     * hosted} tells whether a domain of an administrator's or reseller's tree exists and is theirs.
     */
    static Optional<Folder> resolve(MailboxAccess access, String name, Predicate<String> hosted) {
        if (name == null || name.isEmpty()) {
            return Optional.empty();
        }
        AccountRole role = access.login().role();
        Visibility v = access.visibility();
        switch (name) {
            case RELEASE:
                return Optional.of(new Folder.ActionFolder(RELEASE, Action.RELEASE));
            case RELEASE_AND_TRAIN:
                return Optional.of(
                        new Folder.ActionFolder(RELEASE_AND_TRAIN, Action.RELEASE_AND_TRAIN));
            case TRAIN_AS_SPAM:
                return Optional.of(new Folder.ActionFolder(TRAIN_AS_SPAM, Action.TRAIN_SPAM));
            case OUTGOING:
                return role == AccountRole.DOMAIN
                        ? Optional.of(quarantine(OUTGOING, v, null, OUTBOUND))
                        : Optional.empty();
            default:
                break;
        }
        if (name.equalsIgnoreCase(INBOX)) {
            return Optional.of(
                    tree(role) ? new Folder.Empty(INBOX) : quarantine(INBOX, v, null, INBOUND));
        }
        if (!tree(role)) {
            return Optional.empty();
        }
        int slash = name.indexOf(DELIMITER);
        String domain = LowerCase.of((slash < 0 ? name : name.substring(0, slash)));
        if (domain.isEmpty() || !v.covers(domain) || !hosted.test(domain)) {
            return Optional.empty();
        }
        if (slash < 0) {
            return Optional.of(new Folder.Container(name));
        }
        return switch (name.substring(slash + 1)) {
            case INBOX -> Optional.of(quarantine(name, v, domain, INBOUND));
            case OUTGOING -> Optional.of(quarantine(name, v, domain, OUTBOUND));
            default -> Optional.empty();
        };
    }

    /** Whether the login sees one branch per domain. */
    static boolean tree(AccountRole role) {
        return role == AccountRole.ADMIN || role == AccountRole.RESELLER;
    }

    private static Folder quarantine(String name, Visibility v, String domain, String direction) {
        return new Folder.Quarantine(
                name, new MailboxScope(v.domains(), v.address(), domain, direction));
    }
}
