package org.filtermx.infrastructure.dmarc;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.filtermx.application.port.MailDnsSettings;
import org.filtermx.application.port.PostureSettings;
import org.filtermx.domain.model.shared.LowerCase;
import org.filtermx.infrastructure.config.GatewaySettings;

/**
 * {@link PostureSettings} from the environment (system properties of the same name win, for tests):
 * {@code FILTERMX_DMARC_RUA} (default {@code dmarc-reports@<FILTERMX_HOSTNAME>}), {@code
 * FILTERMX_MTA_STS_HOST} (default the first MX host), {@code FILTERMX_MTA_STS_MAX_AGE} in seconds
 * (default 604800, one week, as RFC 8461 section 3.2 suggests weeks or more).
 */
@ApplicationScoped
public class DmarcSettings implements PostureSettings {

    /** RFC 8461 section 3.2: max_age at most 31557600 (about a year). */
    static final long MAX_AGE_LIMIT = 31_557_600L;

    static final long DEFAULT_MAX_AGE = 604_800L;

    @Inject private GatewaySettings gateway;

    public DmarcSettings() {}

    DmarcSettings(GatewaySettings gateway) {
        this.gateway = gateway;
    }

    private static String value(String name) {
        String v = System.getProperty(name, System.getenv(name));
        return v == null ? "" : v.strip();
    }

    /** Asked for every received message, so worked out once (the host name may need DNS). */
    private volatile String reportAddress;

    @Override
    public String reportAddress() {
        String address = reportAddress;
        if (address == null) {
            String configured = value("FILTERMX_DMARC_RUA");
            address =
                    LowerCase.of(
                            (configured.isEmpty()
                                    ? "dmarc-reports@" + gateway.hostname()
                                    : configured));
            reportAddress = address;
        }
        return address;
    }

    @Override
    public List<String> mxHosts() {
        return gateway.mxHosts().stream().map(MailDnsSettings.MxHost::host).toList();
    }

    @Override
    public String mtaStsHost() {
        String configured = value("FILTERMX_MTA_STS_HOST");
        if (!configured.isEmpty()) {
            return LowerCase.of(configured);
        }
        List<String> mx = mxHosts();
        return mx.isEmpty() ? gateway.hostname() : mx.get(0);
    }

    @Override
    public long mtaStsMaxAge() {
        try {
            long age = Long.parseLong(value("FILTERMX_MTA_STS_MAX_AGE"));
            return age < 0 || age > MAX_AGE_LIMIT ? DEFAULT_MAX_AGE : age;
        } catch (NumberFormatException e) {
            return DEFAULT_MAX_AGE;
        }
    }
}
