package org.filtermx.infrastructure.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.filtermx.application.port.InstallationSettings;
import org.filtermx.application.port.MailDnsSettings;
import org.filtermx.domain.model.shared.LowerCase;
import org.filtermx.infrastructure.filter.auth.dnsbl.DnsListZone;

/**
 * The installation's settings: environment variables (docs/operator-guide.md, "Settings"),
 * overridable by system properties of the same name for tests, each with a default. Durations are
 * written {@code 500ms}, {@code 300s}, {@code 5m}, {@code 1h} or {@code 5d}.
 */
@ApplicationScoped
public class GatewaySettings implements InstallationSettings, MailDnsSettings {

    private final Map<String, String> env;

    public GatewaySettings() {
        this(System.getenv());
    }

    GatewaySettings(Map<String, String> env) {
        this.env = env;
    }

    String value(String name, String fallback) {
        String v = System.getProperty(name, env.get(name));
        return v == null || v.isBlank() ? fallback : v.strip();
    }

    /** The data directory: embedded database, keys, generated certificates. */
    public Path dataDirectory() {
        return Path.of(value("FILTERMX_DATA", "./data")).toAbsolutePath().normalize();
    }

    /**
     * {@code FILTERMX_MIN_FREE_SPACE}: octets kept free before the listeners refuse mail with 452
     * 4.3.1 (100 MiB, as the resource adapter's default); the storage health check uses the same.
     */
    public long minFreeSpace() {
        try {
            return Long.parseLong(value("FILTERMX_MIN_FREE_SPACE", "104857600"));
        } catch (NumberFormatException e) {
            return 104_857_600L;
        }
    }

    /**
     * Where the key that encrypts secrets in the database is ({@code FILTERMX_SECRETS_KEY_FILE});
     * empty for {@code FILTERMX_DATA/secrets.key}.
     */
    public String secretsKeyFile() {
        return value("FILTERMX_SECRETS_KEY_FILE", "");
    }

    /** The name this gateway gives itself in greetings, Received fields and DSNs. */
    public String hostname() {
        String configured = value("FILTERMX_HOSTNAME", "");
        if (!configured.isEmpty()) {
            return configured;
        }
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /**
     * The cluster's MX hosts with their priorities, {@code FILTERMX_MX_HOSTS} as {@code
     * host:priority} separated by commas (e.g. {@code mx1.example.net:10,mx2.example.net:20}); a
     * host without priority gets 10, 20, ... by its position. Unset: {@link #hostname()} with 10.
     * At most {@link #MAX_MX_HOSTS}; entries that do not parse are skipped.
     */
    @Override
    public List<MailDnsSettings.MxHost> mxHosts() {
        String configured = value("FILTERMX_MX_HOSTS", "").strip();
        List<MailDnsSettings.MxHost> hosts = new java.util.ArrayList<>();
        if (configured.isEmpty()) {
            hosts.add(new MailDnsSettings.MxHost(hostname(), 10));
            return hosts;
        }
        for (String entry : configured.split(",", MAX_MX_HOSTS + 1)) {
            if (hosts.size() == MAX_MX_HOSTS) {
                break;
            }
            String e = entry.strip();
            int colon = e.lastIndexOf(':');
            try {
                String host = colon < 0 ? e : e.substring(0, colon).strip();
                int preference =
                        colon < 0
                                ? 10 * (hosts.size() + 1)
                                : Integer.parseInt(e.substring(colon + 1).strip());
                if (!host.isEmpty() && preference >= 0 && preference <= 65535) {
                    hosts.add(new MailDnsSettings.MxHost(LowerCase.of(host), preference));
                }
            } catch (NumberFormatException skipped) {
                // an entry that does not parse is left out, as the comment says
            }
        }
        return hosts;
    }

    /** The most MX hosts {@link #mxHosts()} returns. */
    public static final int MAX_MX_HOSTS = 10;

    /**
     * The name hosted domains include in their SPF record, {@code FILTERMX_SPF_INCLUDE}; default
     * {@code spf.<hostname>}.
     */
    @Override
    public String spfInclude() {
        String configured = value("FILTERMX_SPF_INCLUDE", "").strip();
        return configured.isEmpty() ? "spf." + hostname() : configured;
    }

    /**
     * The host name whose A/AAAA records list every address the cluster delivers from, shown to
     * customers for their firewall, {@code FILTERMX_DELIVERY_HOSTNAME}; default the hostname.
     */
    @Override
    public String deliveryHostname() {
        String configured = value("FILTERMX_DELIVERY_HOSTNAME", "").strip();
        return configured.isEmpty() ? hostname() : configured;
    }

    /** Identifies this node's delivery leases in the shared spool. */
    public String nodeName() {
        return value("jboss.node.name", hostname());
    }

    /** First retry delay; doubles up to {@link #maximalBackoff()} (Postfix's defaults). */
    public Duration minimalBackoff() {
        return duration("FILTERMX_RETRY_MIN_BACKOFF", "300s");
    }

    public Duration maximalBackoff() {
        return duration("FILTERMX_RETRY_MAX_BACKOFF", "4000s");
    }

    /** How long a message may stay queued before it bounces (Postfix maximal_queue_lifetime). */
    public Duration queueLifetime() {
        return duration("FILTERMX_QUEUE_LIFETIME", "5d");
    }

    /**
     * How long a node holds a message it is delivering before another node may take it over (after
     * a crash); longer than the slowest SMTP conversation the client allows.
     */
    public Duration deliveryLease() {
        return duration("FILTERMX_DELIVERY_LEASE", "15m");
    }

    /** How often each node looks for due messages in the spool. */
    public Duration queueScanInterval() {
        return duration("FILTERMX_QUEUE_SCAN_INTERVAL", "10s");
    }

    /**
     * The address users reach the console and release links at, without a trailing slash, for links
     * in mail ({@code FILTERMX_PUBLIC_URL}; default: this host's HTTP listener).
     */
    public String publicUrl() {
        String configured = value("FILTERMX_PUBLIC_URL", "");
        if (!configured.isEmpty()) {
            return configured.replaceAll("/+$", "");
        }
        return "http://" + hostname() + ":" + value("FILTERMX_HTTP_PORT", "8080");
    }

    /**
     * The From of reports and welcome mails ({@code FILTERMX_REPORT_FROM}; default: {@code FilterMX
     * Quarantine <quarantine@HOSTNAME>}).
     */
    public String reportFrom() {
        String configured = value("FILTERMX_REPORT_FROM", "");
        return configured.isEmpty()
                ? "FilterMX Quarantine <quarantine@" + hostname() + ">"
                : configured;
    }

    /**
     * The cluster's default contact for outgoing users' abuse ({@code FILTERMX_ABUSE_CONTACT};
     * default {@code postmaster@HOSTNAME}).
     */
    @Override
    public String abuseContact() {
        String configured = value("FILTERMX_ABUSE_CONTACT", "");
        return configured.isEmpty() ? "postmaster@" + hostname() : configured;
    }

    /** How long the message log keeps an entry. */
    public Duration logRetention() {
        return duration("FILTERMX_LOG_RETENTION", "30d");
    }

    /**
     * How long recipient discovery keeps evidence not seen again ({@code
     * FILTERMX_DISCOVERY_RETENTION}, default {@code 90d}); below one day it is one day, so that a
     * slip of the unit never empties the learned set at the next housekeeping run.
     */
    @Override
    public Duration discoveryRetention() {
        Duration d = duration("FILTERMX_DISCOVERY_RETENTION", "90d");
        return d.compareTo(MIN_DISCOVERY_RETENTION) < 0 ? MIN_DISCOVERY_RETENTION : d;
    }

    /** The shortest evidence retention honoured. */
    static final Duration MIN_DISCOVERY_RETENTION = Duration.ofDays(1);

    /** How often expired quarantine entries and old log entries are removed. */
    public Duration housekeepingInterval() {
        return duration("FILTERMX_HOUSEKEEPING_INTERVAL", "5m");
    }

    /**
     * How long all scanners together may take over one message before the one at work is stopped
     * and the engine-down rule decides ({@code FILTERMX_SCAN_TIME_BUDGET}); longer than the
     * external engines' own limits (clamd 30 s, spamd 15 s, rspamd 10 s) added up.
     */
    public Duration scanTimeBudget() {
        Duration budget = duration("FILTERMX_SCAN_TIME_BUDGET", "60s");
        if (budget.isZero() || budget.isNegative()) {
            throw new IllegalArgumentException("FILTERMX_SCAN_TIME_BUDGET must be positive");
        }
        return budget;
    }

    /** {@code host:port} of the DNS resolver, empty for the system's. */
    public String dnsServer() {
        return value("FILTERMX_DNS", "");
    }

    /**
     * DNS block and allow lists, {@code zone:score} separated by commas (a negative score makes an
     * allow list, e.g. {@code zen.spamhaus.org:4.0,list.dnswl.org:-2.0}); empty = off.
     */
    public List<DnsListZone> dnsListZones() {
        List<DnsListZone> zones = new ArrayList<>();
        for (String item : value("FILTERMX_DNSBL_ZONES", "").split(",")) {
            String entry = item.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int colon = entry.lastIndexOf(':');
            String zone = colon > 0 ? entry.substring(0, colon) : entry;
            double score = colon > 0 ? Double.parseDouble(entry.substring(colon + 1)) : 3.0;
            zones.add(
                    new DnsListZone(
                            zone,
                            score < 0 ? DnsListZone.Kind.IP_ALLOW : DnsListZone.Kind.IP_BLOCK,
                            score,
                            Set.of()));
        }
        return zones;
    }

    /**
     * The reverse proxies whose {@code X-Forwarded-For} names the client ({@code
     * FILTERMX_TRUSTED_PROXIES}, addresses and CIDR blocks; default none).
     *
     * @throws IllegalArgumentException when an entry is not an address or block
     */
    public TrustedProxies trustedProxies() {
        return TrustedProxies.parse(value("FILTERMX_TRUSTED_PROXIES", ""));
    }

    /** The bootstrap admin password, if the operator set one. */
    public String adminPassword() {
        return value("FILTERMX_ADMIN_PASSWORD", "");
    }

    public String smtpBindAddress() {
        return value("FILTERMX_BIND", "127.0.0.1");
    }

    /**
     * The largest message the SMTP listeners accept, in bytes ({@code FILTERMX_MESSAGE_SIZE_LIMIT},
     * the resource adapter's default when unset or unparsable).
     */
    @Override
    public long messageSizeLimit() {
        try {
            return Long.parseLong(value("FILTERMX_MESSAGE_SIZE_LIMIT", "10240000").strip());
        } catch (NumberFormatException e) {
            return 10_240_000;
        }
    }

    /**
     * The most messages the training queue holds ({@code FILTERMX_TRAINING_QUEUE_MAX}, default
     * 100000; read at every call, an unparsable or negative value counts as the default).
     */
    @Override
    public long trainingQueueMax() {
        return positive("FILTERMX_TRAINING_QUEUE_MAX", 100_000);
    }

    /**
     * The most bytes of messages the training queue holds ({@code
     * FILTERMX_TRAINING_QUEUE_MAX_BYTES}, default 1073741824).
     */
    @Override
    public long trainingQueueMaxBytes() {
        return positive("FILTERMX_TRAINING_QUEUE_MAX_BYTES", 1L << 30);
    }

    private long positive(String name, long fallback) {
        try {
            long v = Long.parseLong(value(name, Long.toString(fallback)));
            return v >= 0 ? v : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    public int smtpPort() {
        return Integer.parseInt(value("FILTERMX_SMTP_PORT", "2525"));
    }

    /**
     * The ports this node listens on: SMTP, submission (STARTTLS and implicit TLS), HTTP and
     * management, so that tenants' destination routes can be kept off them. An unparsable value
     * counts as its default.
     */
    public Set<Integer> listenerPorts() {
        Set<Integer> ports = new java.util.HashSet<>();
        // The launcher hands WildFly its HTTP and management ports as jboss.* properties.
        String[][] settings = {
            {"FILTERMX_SMTP_PORT", "2525"},
            {"FILTERMX_SUBMISSION_PORT", "5870"},
            {"FILTERMX_SUBMISSIONS_PORT", "4650"},
            {"FILTERMX_HTTP_PORT", "8080"},
            {"jboss.http.port", "8080"},
            {"FILTERMX_MANAGEMENT_PORT", "9990"},
            {"jboss.management.http.port", "9990"}
        };
        for (String[] setting : settings) {
            try {
                ports.add(Integer.parseInt(value(setting[0], setting[1])));
            } catch (NumberFormatException e) {
                ports.add(Integer.parseInt(setting[1]));
            }
        }
        return Set.copyOf(ports);
    }

    Duration duration(String name, String fallback) {
        return parseDuration(value(name, fallback));
    }

    public static Duration parseDuration(String text) {
        String t = LowerCase.of(text.strip());
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        char unit = t.charAt(t.length() - 1);
        if (Character.isDigit(unit)) {
            return Duration.ofSeconds(Long.parseLong(t));
        }
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (unit) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException("not a duration: " + text);
        };
    }
}
