package org.filtermx.application.internal.accounts;

import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.filtermx.application.AccountService;
import org.filtermx.application.Caller;
import org.filtermx.application.Conflict;
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.TooManyAttempts;
import org.filtermx.application.port.InstallationSettings;
import org.filtermx.domain.model.account.AccountName;
import org.filtermx.domain.model.account.AccountRole;
import org.filtermx.domain.model.account.PasswordHash;
import org.filtermx.domain.model.account.Totp;
import org.filtermx.domain.model.account.TotpRepository;
import org.filtermx.domain.model.account.UserAccount;
import org.filtermx.domain.model.account.UserAccountRepository;

/**
 * Checks passwords against PBKDF2 hashes, each check under {@link LoginThrottle}, the second factor
 * where an account has one, and creates the first administrator.
 */
@Stateless
public class DefaultAccountService implements AccountService {

    private static final Logger LOG = Logger.getLogger(DefaultAccountService.class.getName());
    static final String BOOTSTRAP_ADMIN = "admin";

    /** Verified against for unknown users, so both failures cost the same PBKDF2 work. */
    private static final String DECOY_HASH = PasswordHash.decoy();

    @Inject private UserAccountRepository accounts;
    @Inject private InstallationSettings settings;
    @Inject private CredentialCache cache;
    @Inject private LoginThrottle throttle;
    @Inject private TotpRepository totp;

    @Override
    public Optional<Caller> authenticate(String username, String password, String remoteAddress) {
        return authenticate(username, password, null, remoteAddress);
    }

    @Override
    public Optional<Caller> authenticate(
            String username, String password, String code, String remoteAddress) {
        if (username == null || password == null || username.length() > AccountName.MAX) {
            return Optional.empty();
        }
        return throttled(
                username,
                remoteAddress,
                () -> {
                    Optional<UserAccount> account = accounts.findLogin(username);
                    return passwordHolds(username, account, password)
                                    && secondFactorHolds(account.get(), code)
                            ? Optional.of(
                                    new Caller(
                                            account.get().username(),
                                            account.get().role(),
                                            remoteAddress))
                            : Optional.empty();
                });
    }

    @Override
    public void confirmIdentity(Caller caller, String currentPassword, String code) {
        UserAccount account = own(caller);
        if (currentPassword == null
                || currentPassword.length() > DefaultDomainService.MAX_PASSWORD) {
            throw new InvalidRequest("the current password is required");
        }
        boolean held =
                throttled(
                                account.username(),
                                caller.remoteAddress(),
                                () ->
                                        passwordHolds(
                                                                account.username(),
                                                                Optional.of(account),
                                                                currentPassword)
                                                        && secondFactorHolds(account, code)
                                                ? Optional.of(true)
                                                : Optional.<Boolean>empty())
                        .isPresent();
        if (!held) {
            throw new InvalidRequest(
                    confirmedTotp(account).isPresent()
                            ? "the current password or the code is not right (two-step login is on: give the current code"
                                    + " from the app as well)"
                            : "the current password is not right");
        }
    }

    /**
     * Runs one password check under the throttle: an attempt is reserved (and committed) before the
     * check, so parallel checks cannot all pass; a success gives it back.
     */
    private <T> Optional<T> throttled(
            String username, String remoteAddress, Supplier<Optional<T>> check) {
        long wait = reserve(username, remoteAddress);
        if (wait > 0) {
            throw new TooManyAttempts(wait);
        }
        Optional<T> result = check.get();
        if (result.isPresent()) {
            throttle.succeeded(username, remoteAddress);
        }
        return result;
    }

    /**
     * Reserves an attempt; a deadlock or lost connection on the counter's row is tried again twice.
     */
    private long reserve(String username, String remoteAddress) {
        for (int attempt = 1; ; attempt++) {
            try {
                return throttle.reserve(username, remoteAddress);
            } catch (EJBException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** The PBKDF2 check; an unknown user costs the same work against a decoy hash. */
    private boolean passwordHolds(String username, Optional<UserAccount> account, String password) {
        String hash = account.map(UserAccount::passwordHash).orElse(DECOY_HASH);
        if (cache.verified(username, password, hash)) {
            return account.isPresent();
        }
        boolean matches = PasswordHash.matches(password.toCharArray(), hash);
        if (matches && account.isPresent()) {
            cache.remember(username, password, hash);
            return true;
        }
        return false;
    }

    /** True when the account has no confirmed second factor, or {@code code} is a fresh one. */
    private boolean secondFactorHolds(UserAccount account, String code) {
        Optional<TotpRepository.State> state = confirmedTotp(account);
        if (state.isEmpty()) {
            return true;
        }
        if (code == null || code.isBlank()) {
            return false;
        }
        OptionalLong step =
                Totp.verify(
                        state.get().secret(),
                        code,
                        Instant.now().getEpochSecond(),
                        state.get().lastStep());
        return step.isPresent() && totp.use(account.id(), step.getAsLong());
    }

    private Optional<TotpRepository.State> confirmedTotp(UserAccount account) {
        return totp.find(account.id()).filter(TotpRepository.State::confirmed);
    }

    @Override
    public TotpSetup startTotp(Caller caller, String currentPassword) {
        UserAccount account = own(caller);
        if (confirmedTotp(account).isPresent()) {
            throw new Conflict(
                    "two-step login is already on; to set up another device, switch it off first"
                            + " (with the password and a current code)");
        }
        confirmIdentity(caller, currentPassword, null);
        String secret = Totp.newSecret();
        totp.start(account.id(), secret);
        return new TotpSetup(secret, Totp.uri("FilterMX", account.username(), secret));
    }

    @Override
    public void confirmTotp(Caller caller, String code) {
        UserAccount account = own(caller);
        TotpRepository.State state =
                totp.find(account.id())
                        .orElseThrow(
                                () -> new InvalidRequest("start setting up two-step login first"));
        if (state.confirmed()) {
            throw new Conflict("two-step login is already on");
        }
        OptionalLong step =
                Totp.verify(state.secret(), code, Instant.now().getEpochSecond(), state.lastStep());
        if (step.isEmpty()) {
            throw new InvalidRequest(
                    "the code is not right; check the time on the device and enter the current code");
        }
        totp.confirm(account.id(), step.getAsLong());
    }

    @Override
    public void disableTotp(Caller caller, String currentPassword, String code) {
        confirmIdentity(caller, currentPassword, code);
        totp.remove(own(caller).id());
    }

    @Override
    public boolean totpEnabled(Caller caller) {
        return confirmedTotp(own(caller)).isPresent();
    }

    /** The caller's own account: named by the caller and of the caller's kind. */
    private UserAccount own(Caller caller) {
        if (caller == null || caller.role() == null) {
            throw new InvalidRequest("no caller");
        }
        return accounts.find(caller.username(), caller.role())
                .orElseThrow(
                        () ->
                                new InvalidRequest(
                                        "the account " + caller.username() + " no longer exists"));
    }

    @Override
    public void changeOwnPassword(
            Caller caller, String currentPassword, String code, String newPassword) {
        if (newPassword == null
                || newPassword.length() < DefaultDomainService.MIN_PASSWORD
                || newPassword.length() > DefaultDomainService.MAX_PASSWORD) {
            throw new InvalidRequest(
                    "the new password must be "
                            + DefaultDomainService.MIN_PASSWORD
                            + " to "
                            + DefaultDomainService.MAX_PASSWORD
                            + " characters long");
        }
        confirmIdentity(caller, currentPassword, code);
        own(caller).changePassword(PasswordHash.create(newPassword.toCharArray()));
    }

    @Override
    public void ensureBootstrapAdmin() {
        if (accounts.countByRole(AccountRole.ADMIN) > 0) {
            return;
        }
        String password = settings.adminPassword();
        if (password.isEmpty()) {
            password = PasswordHash.randomPassword(20);
            writePasswordFile(password);
        }
        accounts.add(
                new UserAccount(
                        BOOTSTRAP_ADMIN,
                        PasswordHash.create(password.toCharArray()),
                        AccountRole.ADMIN));
        LOG.info("Created the bootstrap administrator '" + BOOTSTRAP_ADMIN + "'");
    }

    private void writePasswordFile(String password) {
        Path file = settings.dataDirectory().resolve("admin-password");
        try {
            // The data directory is the server's alone (mode 700), like the launcher makes it.
            Files.createDirectories(
                    file.getParent(),
                    PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
            Files.deleteIfExists(file);
            Files.createFile(
                    file,
                    PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
            Files.writeString(
                    file,
                    password + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.TRUNCATE_EXISTING);
            LOG.info("The administrator password is in " + file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the admin password to " + file, e);
        }
    }
}
