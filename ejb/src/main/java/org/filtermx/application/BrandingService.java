package org.filtermx.application;

import java.time.Instant;
import java.util.Optional;

/**
 * Resellers' brands, and the one place that decides which brand a user sees: an administrator the
 * cluster's, a reseller its own, a domain login and an email user their domain's reseller's (a
 * sub-reseller without a brand of its own shows its parent's), a visitor of a login host name the
 * brand that claims exactly that host. A reseller edits its own brand and those of its
 * sub-resellers, an administrator any; domain logins and email users edit none.
 */
public interface BrandingService {

    /**
     * A reseller's brand settings as stored (nulls: not set, the built-in look applies).
     *
     * @param logoUrl the logo's path below the web root, null when there is no logo
     */
    record BrandSettings(
            String reseller,
            String productName,
            String primaryColor,
            String accentColor,
            String supportAddress,
            String loginHost,
            String logoUrl,
            String logoType,
            Instant updatedAt) {}

    /** What a reseller sets; null or blank fields clear the value. */
    record BrandChanges(
            String productName,
            String primaryColor,
            String accentColor,
            String supportAddress,
            String loginHost) {}

    BrandSettings get(Caller caller, String reseller);

    /** Replaces the brand's texts, colours and login host ({@link InvalidRequest} when invalid). */
    BrandSettings update(Caller caller, String reseller, BrandChanges changes);

    /** Sets the logo: a PNG or JPEG, checked by its bytes ({@link InvalidRequest} otherwise). */
    BrandSettings setLogo(Caller caller, String reseller, byte[] image);

    BrandSettings removeLogo(Caller caller, String reseller);

    /** Removes the whole brand: the reseller's customers see the cluster's (or parent's) again. */
    void reset(Caller caller, String reseller);

    /** The brand {@code caller} sees in the console. */
    Brand of(Caller caller);

    /** The brand of the users of hosted domain {@code domain}; with the logo's bytes if asked. */
    Brand ofDomain(String domain, boolean withLogoBytes);

    /**
     * The brand of a request to host {@code host} (the Host header, port removed) before login: the
     * brand whose login host is exactly that name, else the cluster's.
     */
    Brand ofLoginHost(String host);

    /** The logo of the brand whose version is {@code version}, for the logo's URL. */
    Optional<Logo> logo(String version);

    /** A logo as served: its type and bytes. */
    record Logo(String contentType, byte[] bytes) {}
}
