package org.filtermx.application.internal.accounts;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.filtermx.application.AccountStamps;
import org.filtermx.domain.model.account.AccountRole;
import org.filtermx.domain.model.account.UserAccountRepository;

/**
 * Stamps from the account row: its id and role, and a digest of its password hash, so the stamp
 * held in a session says nothing usable about the password.
 */
@Stateless
public class DefaultAccountStamps implements AccountStamps {

    @Inject private UserAccountRepository accounts;

    @Override
    public Optional<String> current(String username, AccountRole role) {
        if (username == null || role == null) {
            return Optional.empty();
        }
        return accounts.find(username, role)
                .map(a -> a.id() + "-" + a.role() + "-" + digest(a.passwordHash()));
    }

    private static String digest(String passwordHash) {
        try {
            byte[] d =
                    MessageDigest.getInstance("SHA-256")
                            .digest(passwordHash.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
