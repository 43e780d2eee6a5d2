package org.filtermx.web.console;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.filtermx.application.FilterAdministration.PolicySettings;

/**
 * The filter policy form of the domain page and the cluster defaults page. A domain's field that
 * equals the cluster default is sent back as null, so that it keeps inheriting the default.
 */
public class PolicyForm implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The scanner names of the operator guide's scanner table. */
    public static final List<String> SCANNERS =
            List.of(
                    "gtube",
                    "headers",
                    "rules",
                    "attachments",
                    "bayes",
                    "auth",
                    "dnsbl",
                    "rspamd",
                    "clamav",
                    "spamassassin");

    public static final List<String> ENGINE_DOWN = List.of("TEMPFAIL", "CONTINUE");

    private Double quarantineThreshold;
    private Double rejectThreshold;
    private List<String> disabledScanners = new ArrayList<>();
    private String virusEngineDown;
    private String spamEngineDown;
    private Integer retentionDays;

    public static PolicyForm of(PolicySettings view) {
        PolicyForm form = new PolicyForm();
        form.quarantineThreshold = view.quarantineThreshold();
        form.rejectThreshold = view.rejectThreshold();
        form.disabledScanners =
                view.disabledScanners() == null
                        ? new ArrayList<>()
                        : new ArrayList<>(view.disabledScanners().stream().sorted().toList());
        form.virusEngineDown = view.virusEngineDown();
        form.spamEngineDown = view.spamEngineDown();
        form.retentionDays = view.quarantineRetentionDays();
        return form;
    }

    /** The change to send; with {@code defaults} (a domain's form) values equal to them inherit. */
    public PolicySettings change(PolicySettings defaults) {
        Set<String> scanners = Set.copyOf(disabledScanners);
        if (defaults == null) {
            return new PolicySettings(
                    "",
                    quarantineThreshold,
                    rejectThreshold,
                    scanners,
                    virusEngineDown,
                    spamEngineDown,
                    retentionDays);
        }
        return new PolicySettings(
                null,
                unlessDefault(quarantineThreshold, defaults.quarantineThreshold()),
                unlessDefault(rejectThreshold, defaults.rejectThreshold()),
                scanners.equals(
                                defaults.disabledScanners() == null
                                        ? Set.of()
                                        : defaults.disabledScanners())
                        ? null
                        : scanners,
                unlessDefault(virusEngineDown, defaults.virusEngineDown()),
                unlessDefault(spamEngineDown, defaults.spamEngineDown()),
                unlessDefault(retentionDays, defaults.quarantineRetentionDays()));
    }

    private static <T> T unlessDefault(T value, T defaultValue) {
        return Objects.equals(value, defaultValue) ? null : value;
    }

    public List<String> getScanners() {
        return SCANNERS;
    }

    public List<String> getEngineDownChoices() {
        return ENGINE_DOWN;
    }

    public Double getQuarantineThreshold() {
        return quarantineThreshold;
    }

    public void setQuarantineThreshold(Double quarantineThreshold) {
        this.quarantineThreshold = quarantineThreshold;
    }

    public Double getRejectThreshold() {
        return rejectThreshold;
    }

    public void setRejectThreshold(Double rejectThreshold) {
        this.rejectThreshold = rejectThreshold;
    }

    public List<String> getDisabledScanners() {
        return disabledScanners;
    }

    public void setDisabledScanners(List<String> disabledScanners) {
        this.disabledScanners = disabledScanners == null ? new ArrayList<>() : disabledScanners;
    }

    public String getVirusEngineDown() {
        return virusEngineDown;
    }

    public void setVirusEngineDown(String virusEngineDown) {
        this.virusEngineDown = virusEngineDown;
    }

    public String getSpamEngineDown() {
        return spamEngineDown;
    }

    public void setSpamEngineDown(String spamEngineDown) {
        this.spamEngineDown = spamEngineDown;
    }

    public Integer getRetentionDays() {
        return retentionDays;
    }

    public void setRetentionDays(Integer retentionDays) {
        this.retentionDays = retentionDays;
    }
}
