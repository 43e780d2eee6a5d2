package org.filtermx.infrastructure.filter.external;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.filtermx.domain.model.filter.Scanner;

/**
 * The external engines this installation enabled, built from the environment
 * (docs/operator-guide.md, "Settings"): an engine whose variable is unset or blank is off.
 *
 * <ul>
 *   <li>{@code FILTERMX_RSPAMD_URL}: rspamd's normal worker, e.g. {@code http://127.0.0.1:11333};
 *       {@code FILTERMX_RSPAMD_CONTROLLER_URL} its controller (default: same host, port 11334),
 *       {@code FILTERMX_RSPAMD_PASSWORD} the controller's password (default: none)
 *   <li>{@code FILTERMX_CLAMD}: clamd's TCP socket, e.g. {@code 127.0.0.1:3310}
 *   <li>{@code FILTERMX_SPAMD}: spamd's TCP socket, e.g. {@code 127.0.0.1:783}; {@code
 *       FILTERMX_SPAMD_USER} the {@code User} sent to it (default: none)
 * </ul>
 */
public final class ExternalEngines {

    private final Optional<RspamdScanner> rspamd;
    private final Optional<ClamdScanner> clamd;
    private final Optional<SpamdScanner> spamd;

    private ExternalEngines(
            Optional<RspamdScanner> rspamd,
            Optional<ClamdScanner> clamd,
            Optional<SpamdScanner> spamd) {
        this.rspamd = rspamd;
        this.clamd = clamd;
        this.spamd = spamd;
    }

    /**
     * Reads the process environment, with system properties of the same names taking precedence.
     */
    public static ExternalEngines fromEnvironment() {
        return from(name -> System.getProperty(name, System.getenv(name)));
    }

    /**
     * Reads the settings through {@code variables}, which returns null for an unset name.
     *
     * @throws IllegalArgumentException when a set value is not a valid address or URL
     */
    public static ExternalEngines from(UnaryOperator<String> variables) {
        UnaryOperator<String> set = name -> blankToNull(variables.apply(name));
        Optional<RspamdScanner> rspamd =
                Optional.ofNullable(set.apply("FILTERMX_RSPAMD_URL"))
                        .map(url -> rspamdSettings(url, set))
                        .map(RspamdScanner::new);
        Optional<ClamdScanner> clamd =
                Optional.ofNullable(set.apply("FILTERMX_CLAMD"))
                        .map(ClamdSettings::at)
                        .map(ClamdScanner::new);
        Optional<SpamdScanner> spamd =
                Optional.ofNullable(set.apply("FILTERMX_SPAMD"))
                        .map(SpamdSettings::at)
                        .map(s -> s.withUser(set.apply("FILTERMX_SPAMD_USER")))
                        .map(SpamdScanner::new);
        return new ExternalEngines(rspamd, clamd, spamd);
    }

    private static RspamdSettings rspamdSettings(String url, UnaryOperator<String> set) {
        RspamdSettings settings = RspamdSettings.at(url);
        String controller = set.apply("FILTERMX_RSPAMD_CONTROLLER_URL");
        return settings.withController(
                controller == null ? settings.controllerUrl().toString() : controller,
                set.apply("FILTERMX_RSPAMD_PASSWORD"));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The enabled engines as scanners, in the order rspamd, clamav, spamassassin. */
    public List<Scanner> scanners() {
        List<Scanner> scanners = new ArrayList<>();
        rspamd.ifPresent(scanners::add);
        clamd.ifPresent(scanners::add);
        spamd.ifPresent(scanners::add);
        return List.copyOf(scanners);
    }

    /** rspamd, when enabled: also the way to train its classifier. */
    public Optional<RspamdScanner> rspamd() {
        return rspamd;
    }

    public Optional<ClamdScanner> clamd() {
        return clamd;
    }

    public Optional<SpamdScanner> spamd() {
        return spamd;
    }
}
