package org.filtermx.application.internal.dkim;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.filtermx.application.Caller;
import org.filtermx.application.Conflict;
import org.filtermx.application.DkimKeyDetails;
import org.filtermx.application.DkimKeyService;
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.NotFound;
import org.filtermx.application.internal.accounts.Tenancy;
import org.filtermx.application.port.DkimKeyGenerator;
import org.filtermx.domain.model.dkim.DkimAlgorithm;
import org.filtermx.domain.model.dkim.DkimKey;
import org.filtermx.domain.model.dkim.DkimKeyRepository;
import org.filtermx.domain.model.domain.DomainName;
import org.filtermx.domain.model.domain.DomainRepository;
import org.filtermx.domain.model.shared.LowerCase;

/** {@link DkimKeyService} within the caller's tenancy, checked before anything is read. */
@Stateless
public class DefaultDkimKeyService implements DkimKeyService {

    /** The selector's bound: the longest DNS label, and the column's width. */
    static final int MAX_SELECTOR = 63;

    private static final DateTimeFormatter SELECTOR_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");

    @Inject private Tenancy tenancy;
    @Inject private DomainRepository domains;
    @Inject private DkimKeyRepository keys;
    @Inject private DkimKeyGenerator generator;

    @Override
    public List<DkimKeyDetails> list(Caller caller, String domain) {
        String name = managed(caller, domain);
        return keys.list(name).stream().map(DefaultDkimKeyService::details).toList();
    }

    @Override
    public DkimKeyDetails generate(
            Caller caller, String domain, String algorithm, String selector) {
        String name = managed(caller, domain);
        DkimAlgorithm a =
                algorithm == null || algorithm.isBlank()
                        ? DkimAlgorithm.RSA_SHA256
                        : DkimAlgorithm.of(algorithm)
                                .orElseThrow(
                                        () ->
                                                new InvalidRequest(
                                                        "the algorithm is rsa or ed25519"));
        String s = selector == null || selector.isBlank() ? defaultSelector(a) : selector(selector);
        DkimKeyGenerator.KeyPair pair = generator.generate(a);
        return keys.add(name, s, a, pair.publicKey(), pair.privateKey())
                .map(DefaultDkimKeyService::details)
                .orElseThrow(
                        () ->
                                new Conflict(
                                        name
                                                + " already has a DKIM key with selector "
                                                + s
                                                + "; choose another selector"));
    }

    @Override
    public DkimKeyDetails activate(Caller caller, String domain, long id) {
        String name = managed(caller, domain);
        key(name, id);
        keys.activate(name, id);
        return details(key(name, id));
    }

    @Override
    public void remove(Caller caller, String domain, long id) {
        String name = managed(caller, domain);
        if (!keys.remove(name, id)) {
            throw new NotFound("no DKIM key " + id + " of " + name);
        }
    }

    /** The normalized name of a hosted domain the caller manages; others are {@link NotFound}. */
    private String managed(Caller caller, String domain) {
        String name;
        try {
            name = DomainName.normalize(domain);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest(e.getMessage());
        }
        tenancy.requireManager(caller, name);
        domains.findByName(name).orElseThrow(() -> new NotFound("no hosted domain " + name));
        return name;
    }

    private DkimKey key(String domain, long id) {
        return keys.find(domain, id)
                .orElseThrow(() -> new NotFound("no DKIM key " + id + " of " + domain));
    }

    /** E.g. {@code fmx-rsa-20261202}: the algorithm and the day, so a rotation gets a new name. */
    private static String defaultSelector(DkimAlgorithm algorithm) {
        String kind = algorithm == DkimAlgorithm.RSA_SHA256 ? "rsa" : "ed";
        return "fmx-" + kind + "-" + LocalDate.now(Clock.systemUTC()).format(SELECTOR_DATE);
    }

    /**
     * A selector is one or more DNS labels (RFC 6376 section 3.1): letters, digits and inner
     * hyphens, dot-separated; checked character by character on a bounded length.
     */
    static String selector(String raw) {
        String s = LowerCase.of(raw.strip());
        if (s.isEmpty() || s.length() > MAX_SELECTOR) {
            throw new InvalidRequest("a selector has 1 to " + MAX_SELECTOR + " characters");
        }
        int labelStart = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c == '.') {
                if (i == labelStart || s.charAt(i - 1) == '-' || s.charAt(labelStart) == '-') {
                    throw new InvalidRequest(
                            "a selector is made of DNS labels: letters, digits and inner hyphens,"
                                    + " separated by dots");
                }
                labelStart = i + 1;
            } else if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                throw new InvalidRequest(
                        "a selector has only letters, digits, hyphens and dots: " + raw.strip());
            }
        }
        return s;
    }

    static DkimKeyDetails details(DkimKey key) {
        return new DkimKeyDetails(
                key.id(),
                key.domain(),
                key.selector(),
                key.algorithm().tag(),
                key.active(),
                key.created(),
                key.recordName(),
                key.record());
    }
}
