package org.filtermx.application;

import java.util.List;
import org.filtermx.domain.model.message.LogQuery;

/** Searches the message log within what the caller may see. */
public interface LogSearch {

    List<LogEntry> search(Caller caller, LogQuery query);

    LogEntry get(Caller caller, long id);
}
