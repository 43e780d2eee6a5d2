package org.filtermx.application.internal.accounts;

import java.util.regex.Pattern;
import org.filtermx.domain.model.account.AccountName;

/**
 * The one rule for the addresses an email user may have, shared by adding, importing and
 * auto-enabling users: lower case, a local part of common characters and a domain name.
 */
final class EmailAddresses {

    /**
     * Bounded quantifiers on both sides of the one {@code @}, which neither class contains: a match
     * attempt looks at no more than about 320 characters, whatever the input's length.
     */
    private static final Pattern ADDRESS =
            Pattern.compile("[a-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@[a-z0-9.-]{1,253}");

    private EmailAddresses() {}

    /** Whether {@code address} (already lower case) may be an email user's address. */
    static boolean valid(String address) {
        return address.length() <= AccountName.MAX
                && ADDRESS.matcher(address).matches()
                && !address.contains("..")
                && !address.startsWith(".");
    }
}
