package org.filtermx.web.console.users;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.filtermx.application.DomainDetails;
import org.filtermx.application.DomainService;
import org.filtermx.application.EmailUserService;
import org.filtermx.application.EmailUserService.EmailUserEntry;
import org.filtermx.application.EmailUserService.ImportJob;
import org.filtermx.application.ReportFormat;
import org.filtermx.application.ReportService;
import org.filtermx.web.console.ConsoleUser;
import org.filtermx.web.console.Feedback;
import org.filtermx.web.console.ReportPreview;
import org.primefaces.event.FileUploadEvent;
import org.primefaces.model.StreamedContent;

/**
 * {@code users.xhtml}: the email users of one domain, in address order a page at a time; add one
 * user; import a CSV file of up to {@value EmailUserService#MAX_IMPORT_LINES} users, which the
 * service runs in the background while a progress bar polls it, then show the lines that were not
 * imported and why; send a user's report now, or preview it (HTML in a sandboxed frame, or the PDF
 * as a download).
 */
@Named
@ViewScoped
public class UsersView implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int PAGE = 50;

    @Inject private transient EmailUserService users;
    @Inject private transient DomainService domains;
    @Inject private transient ConsoleUser user;
    @Inject private transient ReportService reports;

    private List<String> domainNames = List.of();
    private String domain;
    private List<EmailUserEntry> page = List.of();
    private final List<String> pageStarts = new ArrayList<>();
    private boolean more;

    private String address;
    private String password;
    private String reportFrequency = "never";
    private String reportFormat = "html";

    private String importId;
    private ImportJob job;

    private final ReportPreview preview = new ReportPreview();

    @PostConstruct
    public void init() {
        List<DomainDetails> list = Feedback.attempt(() -> domains.list(user.caller()));
        domainNames = list == null ? List.of() : list.stream().map(DomainDetails::name).toList();
        if (!domainNames.isEmpty()) {
            domain = domainNames.get(0);
            firstPage();
        }
    }

    public void firstPage() {
        pageStarts.clear();
        pageStarts.add(null);
        load();
    }

    public void nextPage() {
        if (more && !page.isEmpty()) {
            pageStarts.add(page.get(page.size() - 1).address());
            load();
        }
    }

    public void previousPage() {
        if (pageStarts.size() > 1) {
            pageStarts.remove(pageStarts.size() - 1);
            load();
        }
    }

    private void load() {
        String after = pageStarts.get(pageStarts.size() - 1);
        List<EmailUserEntry> rows =
                Feedback.attempt(() -> users.list(user.caller(), domain, after, PAGE + 1));
        rows = rows == null ? List.of() : rows;
        more = rows.size() > PAGE;
        page = more ? rows.subList(0, PAGE) : rows;
    }

    public void addUser() {
        String pw = password == null || password.isEmpty() ? null : password;
        EmailUserEntry added =
                Feedback.attempt(
                        () ->
                                users.add(
                                        user.caller(),
                                        domain,
                                        address.strip(),
                                        pw,
                                        reportFrequency,
                                        reportFormat));
        if (added != null) {
            Feedback.info("Email user " + added.address() + " added.");
            address = null;
            password = null;
            firstPage();
        }
    }

    public void removeUser(String userAddress) {
        if (Feedback.attempt(() -> users.remove(user.caller(), userAddress))) {
            Feedback.info("Email user " + userAddress + " removed.");
        }
        load();
    }

    /** Sends {@code userAddress}'s report now, covering the time since its last one. */
    public void sendReport(String userAddress) {
        ReportPreview.sent(
                Feedback.attempt(() -> reports.sendUserReport(user.caller(), userAddress)));
    }

    /** Shows the HTML report {@code userAddress} would receive now, without sending it. */
    public void previewReport(String userAddress) {
        preview.show(
                userAddress,
                Feedback.attempt(
                        () ->
                                reports.previewUserReport(
                                        user.caller(), userAddress, ReportFormat.HTML)));
    }

    /** The PDF report {@code userAddress} would receive now, as a download. */
    public StreamedContent reportPdf(String userAddress) {
        return ReportPreview.pdf(
                userAddress,
                Feedback.attempt(
                        () ->
                                reports.previewUserReport(
                                        user.caller(), userAddress, ReportFormat.PDF)));
    }

    public ReportPreview getPreview() {
        return preview;
    }

    /**
     * Hands the uploaded CSV to the service, which imports it in the background; the progress bar
     * follows it.
     */
    public void uploadUsers(FileUploadEvent event) {
        if (isImporting()) {
            Feedback.error("An import is still running. Wait for it to finish.");
            return;
        }
        byte[] csv;
        try {
            csv = event.getFile().getInputStream().readAllBytes();
        } catch (IOException e) {
            Feedback.error("The file could not be read: " + e.getMessage());
            return;
        }
        ImportJob started = Feedback.attempt(() -> users.startImport(user.caller(), domain, csv));
        if (started != null) {
            importId = started.id();
            job = started;
        }
    }

    /** The job as the service has it now; the progress bar polls this. */
    private ImportJob poll() {
        if (importId != null && (job == null || "RUNNING".equals(job.state()))) {
            try {
                job = users.importJob(user.caller(), importId);
            } catch (RuntimeException e) {
                importId = null;
                job = null;
            }
        }
        return job;
    }

    /** 0 to 100 for the progress bar; 100 once the import has ended. */
    public int getProgress() {
        ImportJob j = poll();
        if (j == null) {
            return 0;
        }
        if (!"RUNNING".equals(j.state())) {
            return 100;
        }
        return Math.min(99, j.users() == 0 ? 0 : j.done() * 100 / j.users());
    }

    public void importFinished() {
        ImportJob j = poll();
        if (j == null) {
            return;
        }
        if ("FAILED".equals(j.state())) {
            Feedback.error("Import stopped: " + j.failure());
        } else if ("DONE".equals(j.state())) {
            Feedback.info(
                    "Import done: "
                            + j.added()
                            + " added, "
                            + j.updated()
                            + " updated, "
                            + j.errors().size()
                            + " line"
                            + (j.errors().size() == 1 ? "" : "s")
                            + " not imported.");
        }
        firstPage();
    }

    /** The finished import, for its list of lines not imported; null while none has finished. */
    public ImportJob getResult() {
        return job == null || "RUNNING".equals(job.state()) ? null : job;
    }

    public boolean isImporting() {
        ImportJob j = poll();
        return j != null && "RUNNING".equals(j.state());
    }

    public List<String> getDomainNames() {
        return domainNames;
    }

    public String getDomain() {
        return domain;
    }

    public void setDomain(String domain) {
        this.domain = domain;
    }

    public List<EmailUserEntry> getPage() {
        return page;
    }

    public boolean isMore() {
        return more;
    }

    public boolean isFirst() {
        return pageStarts.size() <= 1;
    }

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getReportFrequency() {
        return reportFrequency;
    }

    public void setReportFrequency(String reportFrequency) {
        this.reportFrequency = reportFrequency;
    }

    public String getReportFormat() {
        return reportFormat;
    }

    public void setReportFormat(String reportFormat) {
        this.reportFormat = reportFormat;
    }
}
