package org.filtermx.application.internal.dns;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.filtermx.application.Caller;
import org.filtermx.application.DnsStatus;
import org.filtermx.application.DnsStatusService;
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.NotFound;
import org.filtermx.application.internal.accounts.Tenancy;
import org.filtermx.application.port.DnsRecords;
import org.filtermx.application.port.MailDnsSettings;
import org.filtermx.domain.model.dkim.DkimKeyRepository;
import org.filtermx.domain.model.domain.DomainName;
import org.filtermx.domain.model.domain.DomainRepository;

/** {@link DnsStatusService} within the caller's tenancy; the checks are {@link DnsStatusChecks}. */
@Stateless
public class DefaultDnsStatusService implements DnsStatusService {

    @Inject private Tenancy tenancy;
    @Inject private DomainRepository domains;
    @Inject private DkimKeyRepository keys;
    @Inject private DnsRecords dns;
    @Inject private MailDnsSettings settings;

    @Override
    public DnsStatus status(Caller caller, String domain) {
        String name;
        try {
            name = DomainName.normalize(domain);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest(e.getMessage());
        }
        tenancy.requireManager(caller, name);
        domains.findByName(name).orElseThrow(() -> new NotFound("no hosted domain " + name));
        return new DnsStatusChecks(dns, settings).status(name, keys.active(name));
    }
}
