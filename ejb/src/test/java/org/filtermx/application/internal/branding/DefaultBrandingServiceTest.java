package org.filtermx.application.internal.branding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import org.filtermx.application.Brand;
import org.filtermx.application.BrandingService.BrandChanges;
import org.filtermx.application.Caller;
import org.filtermx.application.Conflict;
import org.filtermx.application.Forbidden;
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.NotFound;
import org.filtermx.domain.model.account.AccountRole;
import org.filtermx.domain.model.account.UserAccount;
import org.filtermx.domain.model.account.UserAccountRepository;
import org.filtermx.domain.model.brand.BrandRepository;
import org.filtermx.domain.model.brand.LogoImage;
import org.junit.jupiter.api.Test;

/** Who may edit which brand, and which brand each kind of user sees. */
class DefaultBrandingServiceTest {

    private final Accounts accounts = new Accounts();
    private final Brands brands = new Brands();
    private final DefaultBrandingService service =
            new DefaultBrandingService(brands, accounts, new LogoCache());

    private final UserAccount parent = accounts.reseller(1, "parent");
    private final UserAccount child = accounts.reseller(2, "child");
    private final UserAccount stranger = accounts.reseller(3, "stranger");

    private static final Caller ADMIN = new Caller("admin", AccountRole.ADMIN);
    private static final Caller PARENT = new Caller("parent", AccountRole.RESELLER);
    private static final Caller CHILD = new Caller("child", AccountRole.RESELLER);
    private static final Caller STRANGER = new Caller("stranger", AccountRole.RESELLER);

    DefaultBrandingServiceTest() {
        brands.parents.put(child.id(), parent.id());
        brands.owners.put("parent.example", parent.id());
        brands.owners.put("child.example", child.id());
    }

    private static BrandChanges changes(String name, String host) {
        return new BrandChanges(name, "#112233", "#445566", "help@parent.example", host);
    }

    @Test
    void aResellerEditsItsOwnAndItsSubResellersBrandOnly() {
        assertThat(service.update(PARENT, "parent", changes("Parent Mail", null)).productName())
                .isEqualTo("Parent Mail");
        assertThat(service.update(PARENT, "child", changes("Child Mail", null)).productName())
                .isEqualTo("Child Mail");
        assertThatThrownBy(() -> service.update(CHILD, "parent", changes("x", null)))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.update(STRANGER, "child", changes("x", null)))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.get(STRANGER, "parent")).isInstanceOf(NotFound.class);
        assertThat(service.update(ADMIN, "stranger", changes("By admin", null)).productName())
                .isEqualTo("By admin");
    }

    @Test
    void domainLoginsAndEmailUsersEditNoBrand() {
        for (Caller c :
                new Caller[] {
                    new Caller("parent.example", AccountRole.DOMAIN),
                    new Caller("bob@parent.example", AccountRole.EMAIL_USER)
                }) {
            assertThatThrownBy(() -> service.update(c, "parent", changes("x", null)))
                    .isInstanceOf(Forbidden.class);
            assertThatThrownBy(() -> service.get(c, "parent")).isInstanceOf(Forbidden.class);
        }
    }

    @Test
    void badValuesAndATakenLoginHostAreRefused() {
        service.update(PARENT, "parent", changes("Parent Mail", "Console.Parent.Example"));
        assertThatThrownBy(
                        () ->
                                service.update(
                                        ADMIN, "stranger", changes("x", "console.parent.example")))
                .isInstanceOf(Conflict.class);
        assertThatThrownBy(
                        () ->
                                service.update(
                                        PARENT,
                                        "parent",
                                        new BrandChanges("x", "blue", null, null, null)))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("#rrggbb");
        assertThatThrownBy(() -> service.setLogo(PARENT, "parent", "<svg/>".getBytes()))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("PNG or JPEG");
        // The same reseller may save its own login host again.
        assertThat(
                        service.update(PARENT, "parent", changes("Again", "console.parent.example"))
                                .loginHost())
                .isEqualTo("console.parent.example");
    }

    @Test
    void eachKindOfUserSeesTheRightBrand() throws IOException {
        service.update(PARENT, "parent", changes("Parent Mail", "console.parent.example"));
        service.setLogo(PARENT, "parent", png());

        assertThat(service.of(ADMIN)).isEqualTo(Brand.CLUSTER);
        assertThat(service.of(PARENT).productName()).isEqualTo("Parent Mail");
        assertThat(service.of(new Caller("parent.example", AccountRole.DOMAIN)).productName())
                .isEqualTo("Parent Mail");
        Brand forUser = service.of(new Caller("bob@parent.example", AccountRole.EMAIL_USER));
        assertThat(forUser.productName()).isEqualTo("Parent Mail");
        assertThat(forUser.hasLogo()).isTrue();
        assertThat(forUser.logo()).as("no bytes for a page").isNull();
        // A sub-reseller without a brand shows its parent's.
        assertThat(service.ofDomain("child.example", false).productName()).isEqualTo("Parent Mail");
        assertThat(service.ofDomain("child.example", true).logo()).isNotNull();
        // A domain of no reseller, and unknown or malformed hosts: the cluster's brand.
        assertThat(service.ofDomain("admins.example", false)).isEqualTo(Brand.CLUSTER);
        assertThat(service.ofLoginHost("CONSOLE.parent.example").productName())
                .isEqualTo("Parent Mail");
        assertThat(service.ofLoginHost("parent.example")).isEqualTo(Brand.CLUSTER);
        assertThat(service.ofLoginHost("evil.example/../")).isEqualTo(Brand.CLUSTER);
        assertThat(service.ofLoginHost(null)).isEqualTo(Brand.CLUSTER);

        service.update(PARENT, "child", changes("Child Mail", null));
        assertThat(service.ofDomain("child.example", false).productName()).isEqualTo("Child Mail");
        service.reset(PARENT, "child");
        assertThat(service.ofDomain("child.example", false).productName()).isEqualTo("Parent Mail");
    }

    @Test
    void theLogoIsServedByItsVersionOnly() throws IOException {
        String url = service.setLogo(PARENT, "parent", png()).logoUrl();
        String version = url.substring("/brand/".length(), url.length() - "/logo".length());
        assertThat(service.logo(version))
                .hasValueSatisfying(l -> assertThat(l.contentType()).isEqualTo("image/png"));
        assertThat(service.logo("0".repeat(32))).isEmpty();
        service.removeLogo(PARENT, "parent");
        assertThat(service.logo(version)).isEmpty();
        assertThat(service.of(PARENT).hasLogo()).isFalse();
    }

    private static byte[] png() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(20, 10, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    /** Accounts by name, with ids set as the database would. */
    static final class Accounts implements UserAccountRepository {
        final Map<String, UserAccount> byName = new HashMap<>();

        UserAccount reseller(long id, String name) {
            UserAccount a = new UserAccount(name, "x", AccountRole.RESELLER);
            try {
                Field f = UserAccount.class.getDeclaredField("id");
                f.setAccessible(true);
                f.set(a, id);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            byName.put(name, a);
            return a;
        }

        @Override
        public Optional<UserAccount> find(String username, Set<AccountRole> roles) {
            return Optional.ofNullable(byName.get(username)).filter(a -> roles.contains(a.role()));
        }

        @Override
        public boolean nameTaken(String username) {
            return byName.containsKey(username);
        }

        @Override
        public long countByRole(AccountRole role) {
            return byName.values().stream().filter(a -> a.role() == role).count();
        }

        @Override
        public void add(UserAccount account) {
            byName.put(account.username(), account);
        }

        @Override
        public void remove(UserAccount account) {
            byName.remove(account.username());
        }

        @Override
        public void flush() {}
    }

    /** Brands in maps, as {@code reseller_brand} holds them. */
    final class Brands implements BrandRepository {
        final Map<Long, StoredBrand> rows = new HashMap<>();
        final Map<Long, byte[]> logos = new HashMap<>();
        final Map<Long, Long> parents = new HashMap<>();
        final Map<String, Long> owners = new HashMap<>();

        @Override
        public Optional<StoredBrand> ofReseller(long resellerId) {
            return Optional.ofNullable(rows.get(resellerId));
        }

        @Override
        public Optional<StoredBrand> ofVersion(String version) {
            return rows.values().stream().filter(b -> b.version().equals(version)).findFirst();
        }

        @Override
        public Optional<StoredBrand> ofLoginHost(String host) {
            return rows.values().stream().filter(b -> host.equals(b.loginHost())).findFirst();
        }

        @Override
        public Optional<Long> ownerOfDomain(String domain) {
            return Optional.ofNullable(owners.get(domain));
        }

        @Override
        public Optional<Long> parentOf(long resellerId) {
            return Optional.ofNullable(parents.get(resellerId));
        }

        @Override
        public boolean loginHostTaken(String host, long resellerId) {
            return rows.values().stream()
                    .anyMatch(b -> host.equals(b.loginHost()) && b.resellerId() != resellerId);
        }

        @Override
        public boolean save(StoredBrand b) {
            rows.put(b.resellerId(), b);
            return true;
        }

        @Override
        public void saveLogo(
                long resellerId, String contentType, byte[] bytes, String version, Instant at) {
            StoredBrand b = rows.get(resellerId);
            rows.put(
                    resellerId,
                    new StoredBrand(
                            b.resellerId(),
                            b.reseller(),
                            b.productName(),
                            b.primaryColor(),
                            b.accentColor(),
                            b.supportAddress(),
                            b.loginHost(),
                            contentType,
                            version,
                            at));
            if (bytes == null) {
                logos.remove(resellerId);
            } else {
                logos.put(resellerId, bytes);
            }
        }

        @Override
        public Optional<LogoImage> logo(String version) {
            return ofVersion(version)
                    .filter(b -> logos.containsKey(b.resellerId()))
                    .map(b -> new LogoImage(b.logoType(), logos.get(b.resellerId()), 0, 0));
        }

        @Override
        public void remove(long resellerId) {
            rows.remove(resellerId);
            logos.remove(resellerId);
        }
    }
}
