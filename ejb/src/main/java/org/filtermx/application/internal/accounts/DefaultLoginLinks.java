package org.filtermx.application.internal.accounts;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.LoginLinks;
import org.filtermx.application.NotFound;
import org.filtermx.application.port.InstallationSettings;
import org.filtermx.domain.model.account.AccountRole;
import org.filtermx.domain.model.account.EmailUserRepository;
import org.filtermx.domain.model.account.LoginLinkRepository;
import org.filtermx.domain.model.account.LoginLinkToken;
import org.filtermx.domain.model.account.PasswordHash;
import org.filtermx.domain.model.account.UserAccount;
import org.filtermx.domain.model.account.UserAccountRepository;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * Login links kept as the SHA-256 of a random token (ADR 0025). The link's page is {@code
 * /set-password?token=...}; the password is hashed before the link is consumed, so the row is held
 * only for the update and the account write.
 */
@Stateless
public class DefaultLoginLinks implements LoginLinks {

    static final String UNUSABLE =
            "This link cannot be used: it was used already, it has expired, or it is not a"
                    + " complete link. If you set your password already, log in with it; otherwise"
                    + " use the link in your next quarantine report, or ask your administrator.";

    @Inject private LoginLinkRepository links;
    @Inject private EmailUserRepository users;
    @Inject private UserAccountRepository accounts;
    @Inject private InstallationSettings settings;

    public DefaultLoginLinks() {}

    DefaultLoginLinks(
            LoginLinkRepository links,
            EmailUserRepository users,
            UserAccountRepository accounts,
            InstallationSettings settings) {
        this.links = links;
        this.users = users;
        this.accounts = accounts;
        this.settings = settings;
    }

    @Override
    public Link issue(String address) {
        String a = address == null ? "" : LowerCase.of(address.strip());
        if (users.findByAddress(a).isEmpty()) {
            throw new NotFound("no email user " + a);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant expires = now.plus(LIFETIME);
        String token = LoginLinkToken.create();
        links.add(LoginLinkToken.hash(token), a, now, expires);
        return new Link(settings.publicUrl() + "/set-password?token=" + token, expires);
    }

    @Override
    public String addressOf(String token) {
        return usableHash(token)
                .flatMap(hash -> links.usable(hash, Instant.now()))
                .orElseThrow(() -> new InvalidRequest(UNUSABLE));
    }

    @Override
    public String setPassword(String token, String password) {
        String hash = usableHash(token).orElseThrow(() -> new InvalidRequest(UNUSABLE));
        if (password == null
                || password.length() < DefaultDomainService.MIN_PASSWORD
                || password.length() > DefaultDomainService.MAX_PASSWORD) {
            throw new InvalidRequest(
                    "The password must be "
                            + DefaultDomainService.MIN_PASSWORD
                            + " to "
                            + DefaultDomainService.MAX_PASSWORD
                            + " characters long.");
        }
        String passwordHash = PasswordHash.create(password.toCharArray());
        String address =
                links.consume(hash, Instant.now()).orElseThrow(() -> new InvalidRequest(UNUSABLE));
        Optional<UserAccount> login = accounts.find(address, AccountRole.EMAIL_USER);
        if (login.isPresent()) {
            login.get().changePassword(passwordHash);
        } else {
            accounts.add(new UserAccount(address, passwordHash, AccountRole.EMAIL_USER));
        }
        return address;
    }

    private static Optional<String> usableHash(String token) {
        return LoginLinkToken.wellFormed(token)
                ? Optional.of(LoginLinkToken.hash(token))
                : Optional.empty();
    }
}
