package org.filtermx.application;

import java.util.List;
import java.util.Set;

/** Reads and changes filter policies and allow/block lists within what the caller may manage. */
public interface FilterAdministration {

    /** A policy as shown and set through the API; null fields inherit the cluster default. */
    record PolicySettings(
            String scope,
            Double quarantineThreshold,
            Double rejectThreshold,
            Set<String> disabledScanners,
            String virusEngineDown,
            String spamEngineDown,
            Integer quarantineRetentionDays) {}

    /** One list entry as shown through the API. */
    record ListEntry(
            long id,
            String ownerType,
            String owner,
            String action,
            String matchOn,
            String pattern) {}

    /** The effective policy of a domain ({@code ""} = cluster defaults). */
    PolicySettings policy(Caller caller, String domain);

    PolicySettings changePolicy(Caller caller, String domain, PolicySettings change);

    List<ListEntry> listEntries(Caller caller, String owner);

    ListEntry addListEntry(
            Caller caller, String owner, String action, String matchOn, String pattern);

    void removeListEntry(Caller caller, long id);
}
