package org.filtermx.domain.model.filter;

import java.util.List;
import java.util.Optional;

/** Stores filter policies and allow/block list entries. */
public interface FilterSettingsRepository {

    List<FilterPolicyRecord> policies();

    Optional<FilterPolicyRecord> policy(String scope);

    void add(FilterPolicyRecord record);

    List<FilterListEntry> listEntries();

    List<FilterListEntry> listEntries(FilterListEntry.OwnerType type, String owner);

    Optional<FilterListEntry> listEntry(long id);

    void add(FilterListEntry entry);

    void remove(FilterListEntry entry);
}
