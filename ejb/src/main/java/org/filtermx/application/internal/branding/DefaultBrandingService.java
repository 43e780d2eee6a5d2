package org.filtermx.application.internal.branding;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import org.filtermx.application.Brand;
import org.filtermx.application.BrandingService;
import org.filtermx.application.Caller;
import org.filtermx.application.Conflict;
import org.filtermx.application.Forbidden;
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.NotFound;
import org.filtermx.application.internal.accounts.Tenancy;
import org.filtermx.domain.model.account.AccountRole;
import org.filtermx.domain.model.account.UserAccount;
import org.filtermx.domain.model.account.UserAccountRepository;
import org.filtermx.domain.model.brand.BrandColor;
import org.filtermx.domain.model.brand.BrandRepository;
import org.filtermx.domain.model.brand.BrandRepository.StoredBrand;
import org.filtermx.domain.model.brand.BrandText;
import org.filtermx.domain.model.brand.LoginHost;
import org.filtermx.domain.model.brand.LogoImage;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * Brands per reseller, edited within the tenancy tree and resolved here only, so the console, the
 * API, the reports, the welcome mails and the release pages all show the same brand to the same
 * user.
 */
@Stateless
public class DefaultBrandingService implements BrandingService {

    /** How far up the reseller tree a brand is looked for; the tree is never this deep. */
    static final int MAX_DEPTH = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject private BrandRepository brands;
    @Inject private UserAccountRepository accounts;
    @Inject private LogoCache cache;

    public DefaultBrandingService() {}

    /** For tests outside the container. */
    DefaultBrandingService(
            BrandRepository brands, UserAccountRepository accounts, LogoCache cache) {
        this.brands = brands;
        this.accounts = accounts;
        this.cache = cache;
    }

    @Override
    public BrandSettings get(Caller caller, String reseller) {
        UserAccount account = editable(caller, reseller);
        return settings(account, brands.ofReseller(account.id()).orElse(null));
    }

    @Override
    public BrandSettings update(Caller caller, String reseller, BrandChanges changes) {
        UserAccount account = editable(caller, reseller);
        if (changes == null) {
            throw new InvalidRequest(
                    "a JSON body {\"productName\":...,\"primaryColor\":...,\"accentColor\":...,"
                            + "\"supportAddress\":...,\"loginHost\":...} is required");
        }
        String name;
        String primary;
        String accent;
        String support;
        String host;
        try {
            name = BrandText.productName(changes.productName());
            primary = BrandColor.parse(changes.primaryColor(), "primary colour");
            accent = BrandColor.parse(changes.accentColor(), "accent colour");
            support = BrandText.supportAddress(changes.supportAddress());
            host = LoginHost.parse(changes.loginHost());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest(e.getMessage());
        }
        if (host != null && brands.loginHostTaken(host, account.id())) {
            throw new Conflict("the login host " + host + " is already another reseller's");
        }
        Optional<StoredBrand> old = brands.ofReseller(account.id());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        boolean saved =
                brands.save(
                        new StoredBrand(
                                account.id(),
                                account.username(),
                                name,
                                primary,
                                accent,
                                support,
                                host,
                                old.map(StoredBrand::logoType).orElse(null),
                                newVersion(),
                                now));
        if (!saved) {
            // Another reseller took the host after the check above.
            throw new Conflict("the login host " + host + " is already another reseller's");
        }
        return settings(account, brands.ofReseller(account.id()).orElse(null));
    }

    @Override
    public BrandSettings setLogo(Caller caller, String reseller, byte[] image) {
        UserAccount account = editable(caller, reseller);
        LogoImage logo;
        try {
            logo = LogoImage.of(image);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest(e.getMessage());
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        if (brands.ofReseller(account.id()).isEmpty()) {
            brands.save(
                    new StoredBrand(
                            account.id(),
                            account.username(),
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            newVersion(),
                            now));
        }
        brands.saveLogo(account.id(), logo.contentType(), logo.bytes(), newVersion(), now);
        return settings(account, brands.ofReseller(account.id()).orElse(null));
    }

    @Override
    public BrandSettings removeLogo(Caller caller, String reseller) {
        UserAccount account = editable(caller, reseller);
        if (brands.ofReseller(account.id()).isPresent()) {
            brands.saveLogo(
                    account.id(),
                    null,
                    null,
                    newVersion(),
                    Instant.now().truncatedTo(ChronoUnit.MILLIS));
        }
        return settings(account, brands.ofReseller(account.id()).orElse(null));
    }

    @Override
    public void reset(Caller caller, String reseller) {
        brands.remove(editable(caller, reseller).id());
    }

    @Override
    public Brand of(Caller caller) {
        Tenancy.requireCaller(caller);
        String user = LowerCase.of(caller.username());
        return switch (caller.role()) {
            case ADMIN -> Brand.CLUSTER;
            case RESELLER ->
                    accounts.find(user, AccountRole.RESELLER)
                            .map(a -> brandFrom(a.id(), false))
                            .orElse(Brand.CLUSTER);
            case DOMAIN -> ofDomain(user, false);
            case EMAIL_USER -> ofDomain(user.substring(user.lastIndexOf('@') + 1), false);
        };
    }

    @Override
    public Brand ofDomain(String domain, boolean withLogoBytes) {
        if (domain == null || domain.isBlank()) {
            return Brand.CLUSTER;
        }
        return brands.ownerOfDomain(LowerCase.of(domain.strip()))
                .map(owner -> brandFrom(owner, withLogoBytes))
                .orElse(Brand.CLUSTER);
    }

    @Override
    public Brand ofLoginHost(String host) {
        String name;
        try {
            name = LoginHost.parse(host);
        } catch (IllegalArgumentException e) {
            return Brand.CLUSTER;
        }
        return name == null
                ? Brand.CLUSTER
                : brands.ofLoginHost(name).map(b -> brand(b, false)).orElse(Brand.CLUSTER);
    }

    @Override
    public Optional<Logo> logo(String version) {
        if (version == null || version.length() != 32) {
            return Optional.empty();
        }
        return brands.ofVersion(version)
                .filter(b -> b.logoType() != null)
                .flatMap(b -> logoBytes(version).map(bytes -> new Logo(b.logoType(), bytes)));
    }

    /** The brand of reseller {@code id}, else of the nearest ancestor that has one. */
    private Brand brandFrom(long id, boolean withLogoBytes) {
        Long current = id;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            Optional<StoredBrand> stored = brands.ofReseller(current);
            if (stored.isPresent()) {
                return brand(stored.get(), withLogoBytes);
            }
            current = brands.parentOf(current).orElse(null);
        }
        return Brand.CLUSTER;
    }

    private Brand brand(StoredBrand b, boolean withLogoBytes) {
        Brand brand =
                new Brand(
                        b.productName() == null ? Brand.CLUSTER_NAME : b.productName(),
                        b.primaryColor(),
                        b.accentColor(),
                        b.supportAddress(),
                        b.logoType(),
                        b.version(),
                        null);
        if (withLogoBytes && brand.hasLogo()) {
            return logoBytes(b.version()).map(brand::withLogo).orElse(brand);
        }
        return brand;
    }

    private Optional<byte[]> logoBytes(String version) {
        return cache.get(version, v -> brands.logo(v).map(LogoImage::bytes));
    }

    /**
     * The reseller {@code name} if {@code caller} may edit its brand: an administrator any, a
     * reseller itself and its sub-resellers. Others get {@link NotFound} (resellers) or {@link
     * Forbidden} (domain logins and email users).
     */
    private UserAccount editable(Caller caller, String name) {
        Tenancy.requireCaller(caller);
        if (caller.role() != AccountRole.ADMIN && caller.role() != AccountRole.RESELLER) {
            throw new Forbidden("only administrators and resellers edit brands");
        }
        String wanted = name == null ? "" : LowerCase.of(name.strip());
        UserAccount reseller =
                accounts.find(wanted, AccountRole.RESELLER)
                        .orElseThrow(() -> new NotFound("no reseller " + wanted));
        if (caller.admin()) {
            return reseller;
        }
        UserAccount self =
                accounts.find(caller.username(), AccountRole.RESELLER)
                        .orElseThrow(() -> new Forbidden("the account no longer exists"));
        Long current = reseller.id();
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            if (current.equals(self.id())) {
                return reseller;
            }
            current = brands.parentOf(current).orElse(null);
        }
        throw new NotFound("no reseller " + wanted);
    }

    private static BrandSettings settings(UserAccount account, StoredBrand b) {
        if (b == null) {
            return new BrandSettings(
                    account.username(), null, null, null, null, null, null, null, null);
        }
        return new BrandSettings(
                account.username(),
                b.productName(),
                b.primaryColor(),
                b.accentColor(),
                b.supportAddress(),
                b.loginHost(),
                b.logoType() == null ? null : "/brand/" + b.version() + "/logo",
                b.logoType(),
                b.updatedAt());
    }

    private static String newVersion() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
