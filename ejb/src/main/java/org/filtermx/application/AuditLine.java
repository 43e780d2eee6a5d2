package org.filtermx.application;

import java.util.logging.Logger;

/**
 * One line of the {@code org.filtermx.audit} log: a state-changing request to the API or the
 * console, once answered, in key=value form with values escaped by {@link LogValues}:
 *
 * <pre>
 * source=api method=PUT path=/api/v1/domains/a.example/settings action="" caller=admin client=192.0.2.7 status=200
 * </pre>
 *
 * The keys always come in this order and are all present. It says who did what from where, never
 * with which data: request bodies, query strings and headers may carry passwords and tokens.
 *
 * @param source {@code api} or {@code console}
 * @param method the HTTP method
 * @param path the request path, without the query string
 * @param action the console component that submitted a form, or null
 * @param caller the authenticated user name, or null when there was none (written as {@code -})
 * @param client the client address
 * @param status the HTTP status of the answer
 */
public record AuditLine(
        String source,
        String method,
        String path,
        String action,
        String caller,
        String client,
        int status) {

    /** The logger category: operators can route it to a handler of its own. */
    public static final String CATEGORY = "org.filtermx.audit";

    private static final Logger LOG = Logger.getLogger(CATEGORY);

    /** Writes this line to the audit log, at INFO. */
    public void log() {
        LOG.info(text());
    }

    /** The line as written to the log. */
    public String text() {
        return "source="
                + LogValues.value(source)
                + " method="
                + LogValues.value(method)
                + " path="
                + LogValues.value(path)
                + " action="
                + LogValues.value(action)
                + " caller="
                + (caller == null || caller.isEmpty() ? "-" : LogValues.value(caller))
                + " client="
                + LogValues.value(client)
                + " status="
                + status;
    }
}
