package org.filtermx.application.internal;

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
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.TooManyAttempts;
import org.filtermx.domain.model.account.AccountRole;
import org.filtermx.domain.model.account.PasswordHash;
import org.filtermx.domain.model.account.Totp;
import org.filtermx.domain.model.account.TotpRepository;
import org.filtermx.domain.model.account.UserAccount;
import org.filtermx.domain.model.account.UserAccountRepository;
import org.filtermx.infrastructure.config.GatewaySettings;

/** Checks passwords against PBKDF2 hashes and creates the first administrator. */
@Stateless
public class DefaultAccountService implements AccountService {

    private static final Logger LOG = Logger.getLogger(DefaultAccountService.class.getName());
    static final String BOOTSTRAP_ADMIN = "admin";

    /** Verified against for unknown users, so both failures cost the same PBKDF2 work. */
    private static final String DECOY_HASH = PasswordHash.decoy();

    @Inject private UserAccountRepository accounts;
    @Inject private GatewaySettings settings;
    @Inject private CredentialCache cache;
    @Inject private LoginThrottle throttle;
    @Inject private TotpRepository totp;

    @Override
    public Optional<Caller> authenticate(String username, String password) {
        if (username == null || password == null || username.length() > 320) {
            return Optional.empty();
        }
        Optional<UserAccount> account = accounts.findByUsername(username);
        String hash = account.map(UserAccount::passwordHash).orElse(DECOY_HASH);
        if (cache.verified(username, password, hash)) {
            return account.map(a -> new Caller(a.username(), a.role()));
        }
        boolean matches = PasswordHash.matches(password.toCharArray(), hash);
        if (matches && account.isPresent()) {
            cache.remember(username, password, hash);
            return Optional.of(new Caller(username, account.get().role()));
        }
        return Optional.empty();
    }

    @Override
    public Optional<Caller> authenticate(String username, String password, String remoteAddress) {
        return throttled(username, remoteAddress, () -> authenticate(username, password));
    }

    @Override
    public Optional<Caller> authenticate(String username, String password, String code, String remoteAddress) {
        return throttled(username, remoteAddress,
                () -> authenticate(username, password).filter(c -> secondFactorHolds(c, code)));
    }

    /** Runs one login check under the throttle: refused while locked, counted when it fails. */
    private Optional<Caller> throttled(String username, String remoteAddress, Supplier<Optional<Caller>> check) {
        long wait = throttle.retryAfter(username, remoteAddress);
        if (wait > 0) {
            throw new TooManyAttempts(wait);
        }
        Optional<Caller> caller = check.get();
        if (caller.isPresent()) {
            throttle.succeeded(username);
            return Optional.of(caller.get().from(remoteAddress));
        }
        throttle.failed(username, remoteAddress);
        return Optional.empty();
    }

    private boolean secondFactorHolds(Caller caller, String code) {
        long account = accounts.findByUsername(caller.username()).map(UserAccount::id).orElse(-1L);
        Optional<TotpRepository.State> state = totp.find(account).filter(TotpRepository.State::confirmed);
        if (state.isEmpty()) {
            return true;
        }
        OptionalLong step = Totp.verify(state.get().secret(), code, Instant.now().getEpochSecond(),
                state.get().lastStep());
        return step.isPresent() && totp.use(account, step.getAsLong());
    }

    @Override
    public TotpSetup startTotp(Caller caller) {
        UserAccount account = own(caller);
        String secret = Totp.newSecret();
        totp.start(account.id(), secret);
        return new TotpSetup(secret, Totp.uri("FilterMX", account.username(), secret));
    }

    @Override
    public void confirmTotp(Caller caller, String code) {
        UserAccount account = own(caller);
        TotpRepository.State state = totp.find(account.id())
                .orElseThrow(() -> new InvalidRequest("start setting up two-step login first"));
        OptionalLong step = Totp.verify(state.secret(), code, Instant.now().getEpochSecond(), state.lastStep());
        if (step.isEmpty()) {
            throw new InvalidRequest("the code is not right; check the time on the device and enter the current code");
        }
        totp.confirm(account.id(), step.getAsLong());
    }

    @Override
    public void disableTotp(Caller caller, String currentPassword) {
        if (caller == null || authenticate(caller.username(), currentPassword).isEmpty()) {
            throw new InvalidRequest("the current password is not right");
        }
        totp.remove(own(caller).id());
    }

    @Override
    public boolean totpEnabled(Caller caller) {
        return totp.find(own(caller).id()).filter(TotpRepository.State::confirmed).isPresent();
    }

    private UserAccount own(Caller caller) {
        if (caller == null) {
            throw new InvalidRequest("no caller");
        }
        return accounts.findByUsername(caller.username())
                .orElseThrow(() -> new InvalidRequest("the account " + caller.username() + " no longer exists"));
    }

    @Override
    public void changeOwnPassword(Caller caller, String currentPassword, String newPassword) {
        if (caller == null || authenticate(caller.username(), currentPassword).isEmpty()) {
            throw new InvalidRequest("the current password is not right");
        }
        if (newPassword == null || newPassword.length() < DefaultDomainService.MIN_PASSWORD || newPassword.length() > DefaultDomainService.MAX_PASSWORD) {
            throw new InvalidRequest("the new password must be " + DefaultDomainService.MIN_PASSWORD + " to " + DefaultDomainService.MAX_PASSWORD
                    + " characters long");
        }
        UserAccount account = accounts.findByUsername(caller.username())
                .orElseThrow(() -> new InvalidRequest("the current password is not right"));
        account.changePassword(PasswordHash.create(newPassword.toCharArray()));
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
                        BOOTSTRAP_ADMIN, PasswordHash.create(password.toCharArray()), AccountRole.ADMIN));
        LOG.info("Created the bootstrap administrator '" + BOOTSTRAP_ADMIN + "'");
    }

    private void writePasswordFile(String password) {
        Path file = settings.dataDirectory().resolve("admin-password");
        try {
            // The data directory is the server's alone (mode 700), like the launcher makes it.
            Files.createDirectories(file.getParent(),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, password + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            LOG.info("The administrator password is in " + file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the admin password to " + file, e);
        }
    }
}
