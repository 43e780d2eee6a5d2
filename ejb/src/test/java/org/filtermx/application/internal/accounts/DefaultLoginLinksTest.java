package org.filtermx.application.internal.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.LoginLinks;
import org.filtermx.application.NotFound;
import org.filtermx.domain.model.account.AccountRole;
import org.filtermx.domain.model.account.EmailUser;
import org.filtermx.domain.model.account.EmailUserRepository;
import org.filtermx.domain.model.account.LoginLinkRepository;
import org.filtermx.domain.model.account.LoginLinkToken;
import org.filtermx.domain.model.account.PasswordHash;
import org.filtermx.domain.model.account.UserAccount;
import org.filtermx.domain.model.account.UserAccountRepository;
import org.junit.jupiter.api.Test;

class DefaultLoginLinksTest {

    /** One stored link: its address, expiry and when it was used. */
    private static final class Row {
        final String address;
        Instant expires;
        Instant used;

        Row(String address, Instant expires) {
            this.address = address;
            this.expires = expires;
        }
    }

    private final Map<String, Row> rows = new HashMap<>();
    private final List<String> consumed = new ArrayList<>();
    private final Map<String, UserAccount> logins = new HashMap<>();

    private final LoginLinkRepository repository =
            new LoginLinkRepository() {
                @Override
                public void add(String hash, String address, Instant created, Instant expires) {
                    rows.put(hash, new Row(address, expires));
                }

                @Override
                public Optional<String> usable(String hash, Instant now) {
                    Row r = rows.get(hash);
                    return r != null && r.used == null && r.expires.isAfter(now)
                            ? Optional.of(r.address)
                            : Optional.empty();
                }

                @Override
                public Optional<String> consume(String hash, Instant now) {
                    consumed.add(hash);
                    Optional<String> address = usable(hash, now);
                    address.ifPresent(a -> rows.get(hash).used = now);
                    return address;
                }

                @Override
                public int purge(Instant before, int limit) {
                    return 0;
                }
            };

    private final EmailUserRepository users =
            new EmailUserRepository() {
                @Override
                public Optional<EmailUser> findByAddress(String address) {
                    return address.equals("carol@example.com")
                            ? Optional.of(new EmailUser(address, 1, "daily", "html"))
                            : Optional.empty();
                }

                @Override
                public List<EmailUser> list(long domainId, String after, int limit) {
                    return List.of();
                }

                @Override
                public List<String> addressesOf(long domainId) {
                    return List.of();
                }

                @Override
                public void add(EmailUser user) {}

                @Override
                public void remove(EmailUser user) {}
            };

    private final UserAccountRepository accounts =
            new UserAccountRepository() {
                @Override
                public Optional<UserAccount> find(String username, Set<AccountRole> roles) {
                    return Optional.ofNullable(logins.get(username));
                }

                @Override
                public boolean nameTaken(String username) {
                    return logins.containsKey(username);
                }

                @Override
                public long countByRole(AccountRole role) {
                    return logins.size();
                }

                @Override
                public void add(UserAccount account) {
                    logins.put(account.username(), account);
                }

                @Override
                public void remove(UserAccount account) {
                    logins.remove(account.username());
                }

                @Override
                public void flush() {}
            };

    private final DefaultLoginLinks links =
            new DefaultLoginLinks(
                    repository, users, accounts, Fakes.settings("https://filter.example.net"));

    private static String token(LoginLinks.Link link) {
        return link.url().substring(link.url().indexOf("token=") + 6);
    }

    @Test
    void aLinkPointsAtTheSetPasswordPageAndOnlyItsHashIsStored() {
        Instant before = Instant.now();
        LoginLinks.Link link = links.issue("Carol@Example.com");

        assertThat(link.url())
                .matches("https://filter\\.example\\.net/set-password\\?token=[A-Za-z0-9_-]{43}");
        assertThat(rows).containsOnlyKeys(LoginLinkToken.hash(token(link)));
        assertThat(link.expiresAt())
                .isBetween(
                        before.plus(Duration.ofDays(7)).minusSeconds(1),
                        Instant.now().plus(Duration.ofDays(7)));
        assertThat(links.addressOf(token(link))).isEqualTo("carol@example.com");
    }

    @Test
    void noLinkForAnAddressThatIsNoUser() {
        assertThatThrownBy(() -> links.issue("nobody@example.com")).isInstanceOf(NotFound.class);
        assertThat(rows).isEmpty();
    }

    @Test
    void theLinkSetsAPasswordTheUserLogsInWithOnce() {
        String token = token(links.issue("carol@example.com"));

        assertThat(links.setPassword(token, "a good long password")).isEqualTo("carol@example.com");

        UserAccount login = logins.get("carol@example.com");
        assertThat(login.role()).isEqualTo(AccountRole.EMAIL_USER);
        assertThat(PasswordHash.matches("a good long password".toCharArray(), login.passwordHash()))
                .isTrue();
        assertThatThrownBy(() -> links.setPassword(token, "another long password"))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("used already");
        assertThatThrownBy(() -> links.addressOf(token)).isInstanceOf(InvalidRequest.class);
        assertThat(PasswordHash.matches("a good long password".toCharArray(), login.passwordHash()))
                .isTrue();
    }

    @Test
    void aPasswordTheRulesRefuseLeavesTheLinkUsable() {
        String token = token(links.issue("carol@example.com"));

        assertThatThrownBy(() -> links.setPassword(token, "short"))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("10 to 200 characters");

        assertThat(consumed).isEmpty();
        assertThat(logins).isEmpty();
        assertThat(links.addressOf(token)).isEqualTo("carol@example.com");
    }

    @Test
    void anExpiredLinkSetsNothing() {
        String token = token(links.issue("carol@example.com"));
        rows.values().forEach(r -> r.expires = Instant.now().minusSeconds(1));

        assertThatThrownBy(() -> links.setPassword(token, "a good long password"))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("expired");
        assertThat(logins).isEmpty();
    }

    @Test
    void aForgedOrMangledLinkIsRefusedBeforeAnyLookup() {
        for (String forged : new String[] {null, "", "abc", "A".repeat(42) + "=", "<script>"}) {
            assertThatThrownBy(() -> links.setPassword(forged, "a good long password"))
                    .isInstanceOf(InvalidRequest.class);
        }
        assertThat(consumed).isEmpty();
        assertThatThrownBy(() -> links.setPassword("A".repeat(43), "a good long password"))
                .isInstanceOf(InvalidRequest.class);
        assertThat(logins).isEmpty();
    }
}
