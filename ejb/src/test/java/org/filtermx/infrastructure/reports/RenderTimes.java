package org.filtermx.infrastructure.reports;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import org.filtermx.application.ReportContent;
import org.filtermx.application.ReportFormat;

/**
 * Measures the renderer on one thread: the first PDF report (which compiles the template), then the
 * mean of later PDF and HTML-only reports of 20 held messages. Test scope, so it never ships; run
 * it in a fresh JVM so that "first" is cold:
 *
 * <pre>
 * mvn -B -q -o test-compile -pl ejb -am
 * mvn -B -q -o dependency:build-classpath -pl ejb -Dmdep.outputFile=/tmp/cp.txt
 * java -cp ejb/target/classes:ejb/target/test-classes:$(cat /tmp/cp.txt) \
 *     org.filtermx.infrastructure.reports.RenderTimes [renders]
 * </pre>
 */
public final class RenderTimes {

    private RenderTimes() {}

    public static void main(String[] args) {
        int renders = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        ReportContent pdf = ReportSamples.user(20, ReportFormat.PDF);
        ReportContent html = ReportSamples.user(20, ReportFormat.HTML);
        JasperReportRenderer renderer = new JasperReportRenderer();

        Timer timer = new Timer();
        int bytes = renderer.render(pdf).pdf().length;
        Timer.Lap cold = timer.lap(1);

        // Warm-up as long as the measurement, so the JIT has compiled the fill and export paths.
        for (int i = 0; i < renders; i++) {
            renderer.render(pdf);
        }
        timer = new Timer();
        for (int i = 0; i < renders; i++) {
            bytes = renderer.render(pdf).pdf().length;
        }
        Timer.Lap perPdf = timer.lap(renders);
        for (int i = 0; i < renders; i++) {
            renderer.render(html);
        }
        timer = new Timer();
        for (int i = 0; i < renders; i++) {
            renderer.render(html);
        }
        Timer.Lap perHtml = timer.lap(renders);

        System.out.printf(
                Locale.ROOT,
                "first PDF report (compiles the template): %.0f ms wall, %.0f ms CPU%n"
                        + "later PDF reports: %.2f ms wall, %.2f ms CPU each"
                        + " (%d bytes; includes the HTML and text parts)%n"
                        + "HTML-only reports: %.3f ms wall, %.3f ms CPU each%n"
                        + "template compilations: %d%n",
                cold.wallMillis(),
                cold.cpuMillis(),
                perPdf.wallMillis(),
                perPdf.cpuMillis(),
                bytes,
                perHtml.wallMillis(),
                perHtml.cpuMillis(),
                renderer.template().compilations());
    }

    /** Wall-clock and this thread's CPU time since it was made. */
    private static final class Timer {

        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        private final long wall = System.nanoTime();
        private final long cpu = THREADS.getCurrentThreadCpuTime();

        record Lap(double wallMillis, double cpuMillis) {}

        /** The time since this timer was made, divided by {@code count}, in milliseconds. */
        Lap lap(int count) {
            return new Lap(
                    (System.nanoTime() - wall) / 1e6 / count,
                    (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6 / count);
        }
    }
}
