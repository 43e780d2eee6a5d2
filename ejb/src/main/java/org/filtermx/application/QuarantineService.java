package org.filtermx.application;

import java.util.List;

/** Lists held messages within the caller's scope (actions come with the quarantine issue). */
public interface QuarantineService {

    List<QuarantineView> list(Caller caller, String domain, String recipient, int limit);
}
