package org.filtermx.web.console.whatif;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.filtermx.application.FilterAdministration;
import org.filtermx.application.FilterAdministration.PolicySettings;
import org.filtermx.application.WhatIfService;
import org.filtermx.application.WhatIfService.Change;
import org.filtermx.application.WhatIfService.ListRule;
import org.filtermx.application.WhatIfService.Outcome;
import org.filtermx.application.WhatIfService.Result;
import org.filtermx.domain.model.shared.LowerCase;
import org.filtermx.web.console.ConsoleUser;
import org.filtermx.web.console.Feedback;

/**
 * {@code whatif.xhtml}: try thresholds and a sender list entry on a domain's (an administrator:
 * also the whole cluster's) last 30 days of mail before saving them on the domain or defaults page.
 * The other policy fields are sent as they are in force, so only what the form shows changes.
 */
@Named
@ViewScoped
public class WhatIfView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The matrix's labels, in {@link Outcome} order. */
    private static final List<String> LABELS = List.of("Delivered", "Held", "Refused");

    @Inject private transient WhatIfService whatIf;
    @Inject private transient FilterAdministration filters;
    @Inject private transient ConsoleUser user;

    private String domain;
    private Double quarantineThreshold;
    private Double rejectThreshold;
    private String listAction = "";
    private String listPattern;
    private PolicySettings loaded;
    private Result result;

    @PostConstruct
    public void init() {
        if (user.isDomain()) {
            domain = user.getName();
        }
        load();
    }

    /** Fills the thresholds with those in force for the chosen domain (or the cluster). */
    public void load() {
        result = null;
        String scope = scope();
        if (scope.isEmpty() && !user.isAdmin()) {
            loaded = null;
            return;
        }
        loaded = Feedback.attempt(() -> filters.policy(user.caller(), scope));
        if (loaded != null) {
            quarantineThreshold = loaded.quarantineThreshold();
            rejectThreshold = loaded.rejectThreshold();
        }
    }

    public void simulate() {
        if (loaded == null || !scope().equals(loaded.scope())) {
            load();
            if (loaded == null) {
                return;
            }
        }
        List<ListRule> rules =
                listAction == null || listAction.isEmpty()
                        ? List.of()
                        : List.of(new ListRule(listAction, "SENDER", listPattern));
        Change change =
                new Change(
                        quarantineThreshold,
                        rejectThreshold,
                        loaded.disabledScanners(),
                        loaded.virusEngineDown(),
                        loaded.spamEngineDown(),
                        loaded.quarantineRetentionDays(),
                        rules);
        result = Feedback.attempt(() -> whatIf.simulate(user.caller(), scope(), change));
    }

    private String scope() {
        return domain == null ? "" : LowerCase.of(domain.strip());
    }

    public List<String> getLabels() {
        return LABELS;
    }

    /** The count of messages now {@code from} and then {@code to} (indices in label order). */
    public long cell(int from, int to) {
        return result == null ? 0 : result.matrix().get(from).get(to);
    }

    public String label(Outcome outcome) {
        return LABELS.get(outcome.ordinal());
    }

    public Result getResult() {
        return result;
    }

    public String getDomain() {
        return domain;
    }

    public void setDomain(String domain) {
        this.domain = domain;
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

    public String getListAction() {
        return listAction;
    }

    public void setListAction(String listAction) {
        this.listAction = listAction;
    }

    public String getListPattern() {
        return listPattern;
    }

    public void setListPattern(String listPattern) {
        this.listPattern = listPattern;
    }
}
