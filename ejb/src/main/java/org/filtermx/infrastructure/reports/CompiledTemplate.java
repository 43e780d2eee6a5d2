package org.filtermx.infrastructure.reports;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JasperCompileManager;
import net.sf.jasperreports.engine.JasperReport;

/**
 * A {@code .jrxml} template from the class path, compiled the first time it is needed and then kept
 * for the life of the deployment: compiling costs about a second of ECJ work, filling a few
 * milliseconds. Thread-safe; a failed compilation is not cached, so the next report tries again
 * (and fails as loudly).
 */
final class CompiledTemplate {

    private static final Logger LOG = Logger.getLogger(CompiledTemplate.class.getName());

    private final String resource;
    private final AtomicInteger compilations = new AtomicInteger();
    private volatile JasperReport report;

    /**
     * The template at class-path {@code resource}, e.g. {@code reports/quarantine-report.jrxml}.
     */
    CompiledTemplate(String resource) {
        this.resource = resource;
    }

    /** The compiled report, compiling it on the first call. */
    JasperReport report() {
        JasperReport compiled = report;
        if (compiled == null) {
            synchronized (this) {
                compiled = report;
                if (compiled == null) {
                    compiled = compile();
                    report = compiled;
                }
            }
        }
        return compiled;
    }

    /** How many times the template was compiled (once, unless compiling failed). */
    int compilations() {
        return compilations.get();
    }

    private JasperReport compile() {
        long start = System.nanoTime();
        try (InputStream jrxml =
                CompiledTemplate.class.getClassLoader().getResourceAsStream(resource)) {
            if (jrxml == null) {
                throw new IllegalStateException("report template " + resource + " is missing");
            }
            compilations.incrementAndGet();
            JasperReport compiled = JasperCompileManager.compileReport(jrxml);
            LOG.info(
                    () ->
                            "compiled report template "
                                    + resource
                                    + " in "
                                    + (System.nanoTime() - start) / 1_000_000
                                    + " ms");
            return compiled;
        } catch (JRException | IOException e) {
            throw new IllegalStateException("cannot compile report template " + resource, e);
        }
    }
}
