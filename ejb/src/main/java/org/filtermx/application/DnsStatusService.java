package org.filtermx.application;

/**
 * Checks a hosted domain's DNS through the gateway's resolver: MX at the cluster's MX hosts with
 * their priorities, SPF including the cluster's include, the active DKIM key published, and what
 * the destination server should allow. Administrators, the domain's resellers and its login.
 */
public interface DnsStatusService {

    DnsStatus status(Caller caller, String domain);
}
