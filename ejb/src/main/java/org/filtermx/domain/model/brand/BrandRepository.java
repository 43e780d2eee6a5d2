package org.filtermx.domain.model.brand;

import java.time.Instant;
import java.util.Optional;

/** Where resellers' brands are kept ({@code reseller_brand}), and how a domain finds its one. */
public interface BrandRepository {

    /**
     * A stored brand without its logo's bytes (those are fetched only by {@link #logo}).
     *
     * @param resellerId the reseller's account id
     * @param reseller the reseller's user name
     * @param logoType the logo's content type, null when there is none
     * @param version a random token changed by every update
     */
    record StoredBrand(
            long resellerId,
            String reseller,
            String productName,
            String primaryColor,
            String accentColor,
            String supportAddress,
            String loginHost,
            String logoType,
            String version,
            Instant updatedAt) {}

    Optional<StoredBrand> ofReseller(long resellerId);

    /** The brand whose current version is {@code version}. */
    Optional<StoredBrand> ofVersion(String version);

    /** The brand whose login host is exactly {@code host} (lower case). */
    Optional<StoredBrand> ofLoginHost(String host);

    /** The account id of the reseller that owns the domain {@code domain}, if any. */
    Optional<Long> ownerOfDomain(String domain);

    /** The parent reseller of a sub-reseller. */
    Optional<Long> parentOf(long resellerId);

    /** Whether another reseller than {@code resellerId} has the login host {@code host}. */
    boolean loginHostTaken(String host, long resellerId);

    /**
     * Writes the brand's texts, colours and login host (inserting its row if needed).
     *
     * @return false, with nothing written, when another reseller's brand holds the login host: the
     *     unique key decides, so two resellers claiming one host at the same moment cannot both
     *     have it
     */
    boolean save(StoredBrand brand);

    /** Sets (or with null bytes removes) the logo; the row must exist. */
    void saveLogo(long resellerId, String contentType, byte[] bytes, String version, Instant at);

    /** The logo of the brand whose current version is {@code version}. */
    Optional<LogoImage> logo(String version);

    void remove(long resellerId);
}
