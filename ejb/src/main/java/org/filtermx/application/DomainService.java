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

    DomainDetails replaceDestinations(Caller caller, String name, List<DomainDetails.Route> routes);

    DomainDetails replaceLocalRecipients(Caller caller, String name, List<String> localParts);

    /**
     * Changes the domain's settings; {@code null} leaves one as it is. {@code password} sets the
     * domain-level login (user name = the domain name).
     */
    DomainDetails changeSettings(
            Caller caller, String name, Boolean catchAll, String adminContact, String password);
}
