package org.filtermx.application.internal.accounts;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import org.filtermx.domain.model.account.AccountName;
import org.filtermx.domain.model.account.LoginAttemptRepository;
import org.filtermx.domain.model.account.LoginAttempts;
import org.filtermx.domain.model.shared.IpAddressText;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * Slows down password guessing, for all nodes at once: every password check first reserves an
 * attempt for its user name and for its client address in the database ({@link LoginAttempts}), in
 * a transaction of its own that commits before the password is looked at. The {@value
 * #USER_LIMIT}th attempt on one user name within the window locks it, and so does the {@value
 * #ADDRESS_LIMIT}th from one address (an IPv6 address counts by its /64, which one subscriber
 * usually holds whole). Parallel requests wait for each other on the counter's row, so fifteen at
 * once get five checks, not fifteen. Names are counted whether or not an account exists, so the
 * answers tell an attacker nothing.
 */
@Stateless
public class LoginThrottle {

    static final int USER_LIMIT = 5;
    static final int ADDRESS_LIMIT = 50;

    @Inject private LoginAttemptRepository attempts;

    private final Clock clock;

    public LoginThrottle() {
        this.clock = Clock.systemUTC();
    }

    LoginThrottle(LoginAttemptRepository attempts, Clock clock) {
        this.attempts = attempts;
        this.clock = clock;
    }

    /**
     * Reserves one attempt for {@code username} and {@code address} (null when unknown) and answers
     * 0, or answers the seconds to wait when either is locked and reserves nothing. The address's
     * row is locked before the name's, in every transaction, so they cannot deadlock.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public long reserve(String username, String address) {
        return reserveKeys(userKey(username), address);
    }

    /**
     * {@link #reserve} for an SMTP AUTH login of an outgoing user: its name is counted apart from
     * the console and API logins ({@code o:} instead of {@code u:}), so that guessing at the
     * submission port cannot lock a person out of the console whose address is also an outgoing
     * user's name; the client address is counted together with every other login (ADR 0027).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public long reserveOutgoing(String loginName, String address) {
        return reserveKeys(outgoingKey(loginName), address);
    }

    /** {@link #succeeded} for an outgoing user's SMTP AUTH login. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void succeededOutgoing(String loginName, String address) {
        succeededKeys(outgoingKey(loginName), address);
    }

    private long reserveKeys(String u, String address) {
        String a = addressKey(address);
        LoginAttempts byAddress = a == null ? null : attempts.lock(a, clock.instant());
        LoginAttempts byUser = attempts.lock(u, clock.instant());
        // The time once the rows are ours: a lock made while this waited is not seen as longer.
        Instant now = clock.instant();
        long wait =
                Math.max(byAddress == null ? 0 : byAddress.retryAfter(now), byUser.retryAfter(now));
        if (wait > 0) {
            return wait;
        }
        if (a != null) {
            attempts.save(a, byAddress.reserve(ADDRESS_LIMIT, now));
        }
        attempts.save(u, byUser.reserve(USER_LIMIT, now));
        return 0;
    }

    /**
     * The reserved attempt succeeded: the name's count is cleared and the address gets its attempt
     * back. (A failed attempt needs no call: its reservation is the failure.)
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void succeeded(String username, String address) {
        succeededKeys(userKey(username), address);
    }

    private void succeededKeys(String u, String address) {
        String a = addressKey(address);
        if (a != null) {
            Instant now = clock.instant();
            attempts.save(a, attempts.lock(a, now).release(ADDRESS_LIMIT));
        }
        attempts.remove(u);
    }

    /** Forgets counts that expired; for housekeeping. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int purge() {
        return attempts.purge(clock.instant());
    }

    static String userKey(String username) {
        return "u:" + capped(username);
    }

    static String outgoingKey(String loginName) {
        return "o:" + capped(loginName);
    }

    private static String capped(String name) {
        String u = name == null ? "" : LowerCase.of(name.strip());
        return u.length() > AccountName.MAX ? u.substring(0, AccountName.MAX) : u;
    }

    /** {@code a:} and the address; an IPv6 address by its /64 prefix. */
    static String addressKey(String address) {
        if (address == null || address.isBlank()) {
            return null;
        }
        String text = address.strip();
        if (text.length() > 64) {
            return "a:" + text.substring(0, 64);
        }
        return "a:" + IpAddressText.parse(text).map(LoginThrottle::network).orElse(text);
    }

    /**
     * An IPv4 address as it is; an IPv6 address as its /64 (RFC 4291 section 2.5.4: one subnet).
     */
    private static String network(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return address.getHostAddress();
        }
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)))
                    .append(':');
        }
        return prefix.append(":/64").toString();
    }
}
