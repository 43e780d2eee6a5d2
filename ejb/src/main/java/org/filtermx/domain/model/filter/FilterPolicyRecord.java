package org.filtermx.domain.model.filter;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The stored form of a filter policy for one scope: {@code ""} for the cluster defaults, a domain
 * name for a domain's overrides, where a {@code null} field inherits the default.
 */
@Entity
@Table(name = "filter_policy")
public class FilterPolicyRecord {

    @Id
    @Column(name = "scope", length = 253)
    private String scope;

    @Column(name = "quarantine_threshold")
    private Double quarantineThreshold;

    @Column(name = "reject_threshold")
    private Double rejectThreshold;

    @Column(name = "disabled_scanners", length = 500)
    private String disabledScanners;

    @Column(name = "virus_engine_down", length = 16)
    private String virusEngineDown;

    @Column(name = "spam_engine_down", length = 16)
    private String spamEngineDown;

    @Column(name = "quarantine_retention_days")
    private Integer quarantineRetentionDays;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected FilterPolicyRecord() {}

    public FilterPolicyRecord(String scope) {
        this.scope = scope;
        this.updatedAt = Instant.now();
    }

    public String scope() {
        return scope;
    }

    /** Sets the overrides; nulls inherit. Validated by building the effective policy. */
    public void update(
            Double quarantine,
            Double reject,
            Set<String> disabled,
            FilterPolicy.EngineDown virusDown,
            FilterPolicy.EngineDown spamDown,
            Integer retentionDays) {
        this.quarantineThreshold = quarantine;
        this.rejectThreshold = reject;
        this.disabledScanners = disabled == null ? null : String.join(",", disabled);
        this.virusEngineDown = virusDown == null ? null : virusDown.name();
        this.spamEngineDown = spamDown == null ? null : spamDown.name();
        this.quarantineRetentionDays = retentionDays;
        this.updatedAt = Instant.now();
    }

    /** This record's values on top of {@code base}. */
    public FilterPolicy over(FilterPolicy base) {
        return new FilterPolicy(
                quarantineThreshold == null ? base.quarantineThreshold() : quarantineThreshold,
                rejectThreshold == null ? base.rejectThreshold() : rejectThreshold,
                disabledScanners == null ? base.disabledScanners() : split(disabledScanners),
                virusEngineDown == null
                        ? base.virusEngineDown()
                        : FilterPolicy.EngineDown.valueOf(virusEngineDown),
                spamEngineDown == null
                        ? base.spamEngineDown()
                        : FilterPolicy.EngineDown.valueOf(spamEngineDown),
                quarantineRetentionDays == null
                        ? base.quarantineRetentionDays()
                        : quarantineRetentionDays);
    }

    private static Set<String> split(String csv) {
        return Arrays.stream(csv.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
    }
}
