package org.filtermx.application;

import java.util.List;
import org.filtermx.domain.model.filter.FilterPolicy;
import org.filtermx.domain.model.filter.ListDecision;

/** The filter settings in force, cached on every node like the domain directory. */
public interface FilterConfiguration {

    /** The cluster defaults with the domain's overrides on top. */
    FilterPolicy policyFor(String domain);

    /**
     * What the allow and block lists of the cluster, the domain and each recipient say about a
     * message from {@code senders} (envelope sender and From address) to {@code recipients}. A
     * user's own entries decide for the whole of {@code recipients}, so the intake asks once per
     * recipient when a domain has several, and keeps apart those whose decisions differ.
     */
    ListDecision lists(String domain, List<String> senders, List<String> recipients);

    void invalidate();
}
