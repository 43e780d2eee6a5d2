package org.filtermx.domain.model.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Set;
import org.filtermx.domain.model.shared.LowerCase;

/** An email user of a hosted domain with its quarantine report settings. */
@Entity
@Table(name = "email_user")
public class EmailUser {

    public static final Set<String> FREQUENCIES = Set.of("never", "daily", "weekly");
    public static final Set<String> FORMATS = Set.of("html", "pdf");

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "address", nullable = false, length = 320)
    private String address;

    @Column(name = "domain_id", nullable = false)
    private long domainId;

    @Column(name = "report_frequency", nullable = false, length = 8)
    private String reportFrequency;

    @Column(name = "report_format", nullable = false, length = 8)
    private String reportFormat;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected EmailUser() {}

    public EmailUser(String address, long domainId, String reportFrequency, String reportFormat) {
        this.address = LowerCase.of(address);
        this.domainId = domainId;
        this.createdAt = Instant.now();
        changeReports(reportFrequency, reportFormat);
    }

    /** Sets the report settings; nulls keep the current ones (never, html for a new user). */
    public void changeReports(String frequency, String format) {
        String f =
                frequency == null
                        ? (reportFrequency == null ? "never" : reportFrequency)
                        : LowerCase.of(frequency.strip());
        String m =
                format == null
                        ? (reportFormat == null ? "html" : reportFormat)
                        : LowerCase.of(format.strip());
        if (!FREQUENCIES.contains(f)) {
            throw new IllegalArgumentException("report frequency must be never, daily or weekly");
        }
        if (!FORMATS.contains(m)) {
            throw new IllegalArgumentException("report format must be html or pdf");
        }
        this.reportFrequency = f;
        this.reportFormat = m;
    }

    public Long id() {
        return id;
    }

    public String address() {
        return address;
    }

    public long domainId() {
        return domainId;
    }

    public String reportFrequency() {
        return reportFrequency;
    }

    public String reportFormat() {
        return reportFormat;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
