package org.filtermx.application.internal.accounts;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.filtermx.application.InvalidRequest;
import org.filtermx.domain.model.account.AccountRole;
import org.filtermx.domain.model.account.EmailUser;
import org.filtermx.domain.model.account.EmailUserRepository;
import org.filtermx.domain.model.account.PasswordHash;
import org.filtermx.domain.model.account.UserAccount;
import org.filtermx.domain.model.account.UserAccountRepository;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * Saves a batch of email users in one transaction of its own; used by one add and by CSV imports.
 */
@Stateless
public class EmailUserImport {

    /**
     * One user to save; {@code passwordHash} is filled by {@link #hashed()} before saving, or given
     * already hashed (an import's {@code password_hash} column, checked by {@link
     * PasswordHash#wellFormed}).
     */
    public record Row(
            int line,
            String address,
            String password,
            String passwordHash,
            String frequency,
            String format) {

        static Row parse(
                int line,
                String address,
                String password,
                String frequency,
                String format,
                String domain) {
            return parse(line, address, password, null, frequency, format, domain);
        }

        static Row parse(
                int line,
                String address,
                String password,
                String passwordHash,
                String frequency,
                String format,
                String domain) {
            String a = address == null ? "" : LowerCase.of(address.strip());
            if (!EmailAddresses.valid(a)) {
                throw new InvalidRequest("'" + clip(a) + "' is not an email address");
            }
            if (!a.endsWith("@" + domain)) {
                throw new InvalidRequest(a + " is not an address of " + domain);
            }
            if (password != null
                    && (password.length() < DefaultDomainService.MIN_PASSWORD
                            || password.length() > DefaultDomainService.MAX_PASSWORD)) {
                throw new InvalidRequest(
                        "the password must be "
                                + DefaultDomainService.MIN_PASSWORD
                                + " to "
                                + DefaultDomainService.MAX_PASSWORD
                                + " characters long");
            }
            if (password != null && passwordHash != null) {
                throw new InvalidRequest("give a password or a password_hash, not both");
            }
            if (passwordHash != null && !PasswordHash.wellFormed(passwordHash)) {
                throw new InvalidRequest(
                        "the password_hash is not of the form pbkdf2-sha256$<iterations "
                                + PasswordHash.MIN_IMPORTED_ITERATIONS
                                + " to "
                                + PasswordHash.MAX_IMPORTED_ITERATIONS
                                + ">$<base64 salt>$<base64 32-byte hash>");
            }
            try {
                new EmailUser(a, 0, frequency, format);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequest(e.getMessage());
            }
            return new Row(line, a, password, passwordHash, frequency, format);
        }

        Row hashed() {
            return password == null
                    ? this
                    : new Row(
                            line,
                            address,
                            null,
                            PasswordHash.create(password.toCharArray()),
                            frequency,
                            format);
        }

        private static String clip(String s) {
            return s.length() > 80 ? s.substring(0, 80) + "..." : s;
        }
    }

    /** What happened to one row: added, updated, or an error in words. */
    public record Outcome(Row row, boolean added, String error) {}

    @Inject private EmailUserRepository users;
    @Inject private UserAccountRepository accounts;

    /** Saves the rows; existing users are updated when {@code update}, otherwise reported. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Outcome> apply(long domainId, List<Row> rows, boolean update) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Row r : rows) {
            var existingAccount = accounts.find(r.address(), AccountRole.EMAIL_USER);
            if (existingAccount.isEmpty() && accounts.nameTaken(r.address())) {
                outcomes.add(
                        new Outcome(
                                r, false, r.address() + " is the name of another kind of login"));
                continue;
            }
            var existing = users.findByAddress(r.address());
            if (existing.isPresent() && (!update || existing.get().domainId() != domainId)) {
                outcomes.add(new Outcome(r, false, "email user " + r.address() + " exists"));
                continue;
            }
            EmailUser user =
                    existing.orElseGet(
                            () -> {
                                EmailUser u =
                                        new EmailUser(
                                                r.address(), domainId, r.frequency(), r.format());
                                users.add(u);
                                return u;
                            });
            if (existing.isPresent()) {
                user.changeReports(r.frequency(), r.format());
            }
            if (r.passwordHash() != null) {
                existingAccount.ifPresentOrElse(
                        a -> a.changePassword(r.passwordHash()),
                        () ->
                                accounts.add(
                                        new UserAccount(
                                                r.address(),
                                                r.passwordHash(),
                                                AccountRole.EMAIL_USER)));
            }
            outcomes.add(new Outcome(r, existing.isEmpty(), null));
        }
        return outcomes;
    }
}
