package org.filtermx.application.internal.imap;

import org.filtermx.application.Caller;
import org.filtermx.application.Visibility;

/** A logged-in session's account as it stands now: who it is and what it may see. */
public record MailboxAccess(MailboxLogin login, Caller caller, Visibility visibility) {

    /** This access for a call from {@code remoteAddress}, for the audit trail. */
    public MailboxAccess from(String remoteAddress) {
        return new MailboxAccess(login, caller.from(remoteAddress), visibility);
    }

    /** The key of this login's flags. */
    public String flagsKey() {
        return login.identity();
    }
}
