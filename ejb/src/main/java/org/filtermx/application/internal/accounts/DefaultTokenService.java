package org.filtermx.application.internal.accounts;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.filtermx.application.AccountService;
import org.filtermx.application.Caller;
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.NotFound;
import org.filtermx.application.TokenService;
import org.filtermx.domain.model.account.ApiToken;
import org.filtermx.domain.model.account.ApiTokenRepository;
import org.filtermx.domain.model.account.TenancyRepository;
import org.filtermx.domain.model.account.UserAccount;

/**
 * API tokens: 256 random bits, shown once as {@code fmx_<base64url>}; the database keeps only their
 * SHA-256 (a token is already high-entropy, so a slow hash adds nothing).
 */
@Stateless
public class DefaultTokenService implements TokenService {

    static final String PREFIX = "fmx_";
    static final int MAX_TOKENS = 50;
    private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject private ApiTokenRepository tokens;
    @Inject private Tenancy tenancy;
    @Inject private TenancyRepository tree;
    @Inject private AccountService identity;

    @Override
    public NewToken create(Caller caller, String name, String currentPassword, String code) {
        Tenancy.requireCaller(caller);
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 100 || n.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequest(
                    "name must be 1 to 100 characters, without control characters");
        }
        UserAccount account = tenancy.account(caller);
        if (tokens.ofAccount(account.id()).size() >= MAX_TOKENS) {
            throw new InvalidRequest(
                    "at most " + MAX_TOKENS + " tokens per account; revoke one first");
        }
        identity.confirmIdentity(caller, currentPassword, code);
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String value = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        ApiToken token = new ApiToken(account.id(), n, hash(value));
        tokens.add(token);
        return new NewToken(view(token), value);
    }

    @Override
    public List<TokenEntry> list(Caller caller) {
        Tenancy.requireCaller(caller);
        return tokens.ofAccount(tenancy.account(caller).id()).stream()
                .map(DefaultTokenService::view)
                .toList();
    }

    @Override
    public void revoke(Caller caller, long id, String currentPassword, String code) {
        Tenancy.requireCaller(caller);
        long account = tenancy.account(caller).id();
        ApiToken token =
                tokens.find(id)
                        .filter(t -> t.accountId() == account)
                        .orElseThrow(() -> new NotFound("no token " + id));
        identity.confirmIdentity(caller, currentPassword, code);
        tokens.remove(token);
    }

    @Override
    public Optional<Caller> authenticate(String bearer) {
        if (bearer == null || !bearer.startsWith(PREFIX) || bearer.length() > 100) {
            return Optional.empty();
        }
        return tokens.findByHash(hash(bearer))
                .flatMap(
                        t ->
                                tree.account(t.accountId())
                                        .map(
                                                a -> {
                                                    Instant now = Instant.now();
                                                    if (t.lastUsedAt() == null
                                                            || t.lastUsedAt()
                                                                    .plus(LAST_USED_GRANULARITY)
                                                                    .isBefore(now)) {
                                                        t.used(now);
                                                    }
                                                    return new Caller(a.username(), a.role());
                                                }));
    }

    static String hash(String value) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TokenEntry view(ApiToken t) {
        return new TokenEntry(t.id() == null ? 0 : t.id(), t.name(), t.createdAt(), t.lastUsedAt());
    }
}
