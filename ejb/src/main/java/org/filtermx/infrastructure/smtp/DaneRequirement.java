package org.filtermx.infrastructure.smtp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.filtermx.application.port.RelayHost;
import org.filtermx.application.port.TlsRequirement;
import org.filtermx.domain.model.domain.DeliveryTls;
import org.filtermx.domain.model.shared.LowerCase;
import org.filtermx.infrastructure.dane.DaneTrust;
import org.filtermx.infrastructure.dane.DaneVerdict;
import org.filtermx.infrastructure.dns.TlsaLookup;
import org.filtermx.infrastructure.dns.TlsaRecord;

/**
 * What DANE (RFC 7672) asks of one delivery to an MX host DNSSEC vouched for: its TLSA records at
 * {@code _<port>._tcp.<host>} decide. Secure records make TLS mandatory, and the certificate must
 * match a usable one (section 3; with none usable, any certificate, section 2.2); a failed lookup
 * (also how a validating resolver reports bogus data) makes the host unusable for now (section
 * 2.2); an insecure answer or an authenticated denial leaves the host to MTA-STS or opportunistic
 * TLS. DANE takes precedence over MTA-STS (RFC 8461 section 2).
 *
 * @param deferral why the host cannot be used now, or null
 * @param requirement the TLS the delivery must achieve
 * @param check the certificate decision, or null for the trust anchors (or none)
 */
record DaneRequirement(String deferral, TlsRequirement requirement, PeerCheck check) {

    /**
     * Decides for {@code host} from its TLSA lookup; {@code recipients} give the next-hop domain.
     */
    static DaneRequirement of(RelayHost host, List<String> recipients, TlsaLookup tlsa) {
        if (tlsa == null || !host.secure()) {
            return new DaneRequirement(null, host.tls(), null);
        }
        TlsaLookup.Result result = tlsa.lookup(host.host(), host.port());
        String owner = "_" + host.port() + "._tcp." + host.host();
        String policy = "DANE TLSA records of " + owner;
        return switch (result.status()) {
            case FAILED ->
                    new DaneRequirement(
                            "DANE: TLSA lookup of "
                                    + owner
                                    + " failed: "
                                    + result.detail()
                                    + " (RFC 7672 section 2.2)",
                            host.tls(),
                            null);
            case SECURE -> secure(host, recipients, result.records(), policy);
            case SECURE_NONE, INSECURE -> new DaneRequirement(null, host.tls(), null);
        };
    }

    private static DaneRequirement secure(
            RelayHost host, List<String> recipients, List<TlsaRecord> records, String policy) {
        if (DaneTrust.usable(records).isEmpty()) {
            // Section 2.2: TLS stays mandatory, unauthenticated.
            return new DaneRequirement(
                    null,
                    new TlsRequirement(DeliveryTls.REQUIRED, policy + ", none usable", false),
                    null);
        }
        List<String> names = referenceNames(host, recipients);
        PeerCheck check =
                (chain, name) -> {
                    DaneVerdict verdict = DaneTrust.matches(records, names, chain);
                    return verdict.accepted()
                            ? Optional.empty()
                            : Optional.of("no TLSA record matches: " + verdict.detail());
                };
        return new DaneRequirement(
                null, new TlsRequirement(DeliveryTls.VERIFIED, policy, false), check);
    }

    /**
     * Section 3.2.2: the MX host name and the next-hop domain (the recipients' domain) are the
     * names a DANE-TA certificate may be issued to.
     */
    private static List<String> referenceNames(RelayHost host, List<String> recipients) {
        List<String> names = new ArrayList<>();
        names.add(host.host());
        for (String recipient : recipients) {
            int at = recipient.lastIndexOf('@');
            if (at > 0) {
                String domain = LowerCase.of(recipient.substring(at + 1));
                if (!names.contains(domain)) {
                    names.add(domain);
                }
                break;
            }
        }
        return names;
    }
}
