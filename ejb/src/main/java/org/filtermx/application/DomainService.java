package org.filtermx.application;

import java.util.List;

/** Adds, reads, changes and removes hosted domains, within what the caller may manage. */
public interface DomainService {

    DomainDetails add(Caller caller, String name, List<DomainDetails.Route> destinations);

    DomainDetails get(Caller caller, String name);

    List<DomainDetails> list(Caller caller);

    void remove(Caller caller, String name);

    DomainDetails addAlias(Caller caller, String name, String alias);

    DomainDetails removeAlias(Caller caller, String name, String alias);

    /**
     * Looks up the TXT records of the domain's pending names (its own, its aliases) and activates
     * each one whose record holds its token; fails with what was found when none does.
     */
    DomainDetails verify(Caller caller, String name);

    /**
     * An administrator approves every pending name of the domain (or of the domain {@code name} is
     * a pending alias of).
     */
    DomainDetails approve(Caller caller, String name);

    /**
     * How this cluster proves control over a new domain or alias: {@code dns} or {@code approval}.
     */
    String verificationMethod(Caller caller);

    /** Administrators choose {@code dns} or {@code approval} for the whole cluster. */
    String changeVerificationMethod(Caller caller, String method);

    DomainDetails replaceDestinations(Caller caller, String name, List<DomainDetails.Route> routes);

    DomainDetails replaceLocalRecipients(Caller caller, String name, List<String> localParts);

    /**
     * Changes the domain's settings; {@code null} leaves one as it is. {@code password} sets the
     * domain-level login (user name = the domain name).
     */
    default DomainDetails changeSettings(
            Caller caller, String name, Boolean catchAll, String adminContact, String password) {
        return changeSettings(caller, name, catchAll, adminContact, password, null, null, null);
    }

    /**
     * As above, and the domain's protection report settings and its auto-enable settings. In {@code
     * reports} too a {@code null} field leaves that setting as it is, and an empty {@code address}
     * sends the report to the admin contact again. {@code autoEnableUsers} makes recipients with
     * held spam email users; {@code destinationCatchAll} declares that the destination accepts
     * every address (ADR 0025). Auto-enable is refused ({@link InvalidRequest}, saying why) while
     * the destination is a catch-all, by that flag or by a probe of the destination with a random
     * recipient, unless the local recipients list refuses unknown recipients at RCPT. All settings
     * change together or, when one is invalid, none does.
     */
    default DomainDetails changeSettings(
            Caller caller,
            String name,
            Boolean catchAll,
            String adminContact,
            String password,
            DomainDetails.Reports reports,
            Boolean autoEnableUsers,
            Boolean destinationCatchAll) {
        return changeSettings(
                caller,
                name,
                catchAll,
                adminContact,
                password,
                reports,
                autoEnableUsers,
                destinationCatchAll,
                null);
    }

    /**
     * As above, and the domain's outbound thresholds (ADR 0028), which only administrators and
     * resellers change ({@link Forbidden} for the domain's own login): a domain whose account is
     * sending spam must not be able to lift its own filter. Each threshold lies between -1000 and
     * 1000, and the lock threshold in effect is not below the spam threshold in effect.
     */
    default DomainDetails changeSettings(
            Caller caller,
            String name,
            Boolean catchAll,
            String adminContact,
            String password,
            DomainDetails.Reports reports,
            Boolean autoEnableUsers,
            Boolean destinationCatchAll,
            DomainDetails.OutboundChange outbound) {
        return changeSettings(
                caller,
                name,
                catchAll,
                adminContact,
                password,
                reports,
                autoEnableUsers,
                destinationCatchAll,
                outbound,
                null);
    }

    /**
     * As above, and the domain's recipient checks at RCPT time (ADR 0031): verification of new
     * recipients with callouts to the destination, and whether a recipient the destination could
     * not be asked about in time is accepted.
     */
    default DomainDetails changeSettings(
            Caller caller,
            String name,
            Boolean catchAll,
            String adminContact,
            String password,
            DomainDetails.Reports reports,
            Boolean autoEnableUsers,
            Boolean destinationCatchAll,
            DomainDetails.OutboundChange outbound,
            DomainDetails.RecipientChecksChange checks) {
        return changeSettings(
                caller,
                name,
                catchAll,
                adminContact,
                password,
                reports,
                autoEnableUsers,
                destinationCatchAll,
                outbound,
                checks,
                null);
    }

    /**
     * As above, and the domain's TLS policy ({@code opportunistic}, {@code required} or {@code
     * verified} for delivery to its destination; {@code optional} or {@code required} for inbound
     * mail); any other value is an {@link InvalidRequest} and changes nothing.
     */
    DomainDetails changeSettings(
            Caller caller,
            String name,
            Boolean catchAll,
            String adminContact,
            String password,
            DomainDetails.Reports reports,
            Boolean autoEnableUsers,
            Boolean destinationCatchAll,
            DomainDetails.OutboundChange outbound,
            DomainDetails.RecipientChecksChange checks,
            DomainDetails.TlsPolicyChange tls);
}
