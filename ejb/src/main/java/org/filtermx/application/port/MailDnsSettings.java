package org.filtermx.application.port;

import java.util.List;

/**
 * What a hosted domain's DNS should say about the cluster: its MX hosts with their priorities
 * ({@code FILTERMX_MX_HOSTS}), the SPF include ({@code FILTERMX_SPF_INCLUDE}) and the delivery
 * hostname whose addresses are every address the cluster delivers from ({@code
 * FILTERMX_DELIVERY_HOSTNAME}).
 */
public interface MailDnsSettings {

    /** One MX record a hosted domain should have. */
    record MxHost(String host, int preference) {}

    List<MxHost> mxHosts();

    String spfInclude();

    String deliveryHostname();
}
