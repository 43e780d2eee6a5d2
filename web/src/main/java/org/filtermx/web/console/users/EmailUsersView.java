package org.filtermx.web.console.users;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.filtermx.application.Caller;
import org.filtermx.application.DomainDetails;
import org.filtermx.application.DomainService;
import org.filtermx.application.EmailUserService;
import org.filtermx.application.EmailUserService.EmailUserView;
import org.filtermx.application.EmailUserService.ImportResult;
import org.filtermx.web.console.ConsoleUser;
import org.filtermx.web.console.Feedback;
import org.primefaces.event.FileUploadEvent;

/**
 * {@code users.xhtml}: the email users of one domain, in address order a page at a time; add one
 * user; import a CSV file of up to {@value EmailUserService#MAX_IMPORT_LINES} lines in the
 * background while a progress bar polls, then show the lines that were not imported and why.
 */
@Named
@ViewScoped
public class EmailUsersView implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(EmailUsersView.class.getName());
    static final int PAGE = 50;

    @Inject private transient EmailUserService users;
    @Inject private transient DomainService domains;
    @Inject private transient ConsoleUser user;
    @Resource private transient ManagedExecutorService executor;

    private List<String> domainNames = List.of();
    private String domain;
    private List<EmailUserView> page = List.of();
    private final List<String> pageStarts = new ArrayList<>();
    private boolean more;

    private String address;
    private String password;
    private String reportFrequency = "never";
    private String reportFormat = "html";

    private final AtomicInteger linesDone = new AtomicInteger();
    private volatile int linesTotal;
    private volatile boolean importing;
    private volatile ImportResult result;
    private volatile String importFailure;

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
        List<EmailUserView> rows = Feedback.attempt(() -> users.list(user.caller(), domain, after, PAGE + 1));
        rows = rows == null ? List.of() : rows;
        more = rows.size() > PAGE;
        page = more ? rows.subList(0, PAGE) : rows;
    }

    public void addUser() {
        String pw = password == null || password.isEmpty() ? null : password;
        EmailUserView added = Feedback.attempt(
                () -> users.add(user.caller(), domain, address.strip(), pw, reportFrequency, reportFormat));
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

    /** Takes the uploaded CSV and imports it in the background; the progress bar follows it. */
    public void uploadUsers(FileUploadEvent event) {
        if (importing) {
            Feedback.error("An import is still running. Wait for it to finish.");
            return;
        }
        String csv;
        try {
            csv = new String(event.getFile().getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            Feedback.error("The file could not be read: " + e.getMessage());
            return;
        }
        long lines = csv.lines().count();
        if (lines == 0) {
            Feedback.error("The file is empty.");
            return;
        }
        if (lines > EmailUserService.MAX_IMPORT_LINES + 1) {
            Feedback.error("The file has " + lines + " lines; import at most "
                    + EmailUserService.MAX_IMPORT_LINES + " users at a time.");
            return;
        }
        Caller caller = user.caller();
        String target = domain;
        linesTotal = (int) lines;
        linesDone.set(0);
        result = null;
        importFailure = null;
        importing = true;
        EmailUserService service = users;
        executor.submit(() -> {
            try {
                result = service.importCsv(caller, target, new StringReader(csv), linesDone::set);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "CSV import refused", e);
                importFailure = e.getMessage() == null ? "the import failed on the server" : e.getMessage();
            } finally {
                importing = false;
            }
        });
    }

    /** 0 to 100 for the progress bar; 100 once the import has ended. */
    public int getProgress() {
        if (!importing) {
            return result != null || importFailure != null ? 100 : 0;
        }
        return Math.min(99, linesTotal == 0 ? 0 : linesDone.get() * 100 / linesTotal);
    }

    public void importFinished() {
        if (importFailure != null) {
            Feedback.error("Import refused: " + importFailure);
        } else if (result != null) {
            Feedback.info("Import done: " + result.added() + " added, " + result.updated() + " updated, "
                    + result.errors().size() + " line" + (result.errors().size() == 1 ? "" : "s") + " not imported.");
            firstPage();
        }
    }

    public ImportResult getResult() {
        return result;
    }

    public boolean isImporting() {
        return importing;
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

    public List<EmailUserView> getPage() {
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
