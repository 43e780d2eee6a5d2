package org.filtermx.web.console.dashboard;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.Serializable;
import java.util.List;
import java.util.function.ToLongFunction;
import org.filtermx.application.DashboardService;
import org.filtermx.application.DashboardService.Day;
import org.filtermx.application.DashboardService.Sender;
import org.filtermx.web.console.ConsoleUser;
import org.filtermx.web.console.Feedback;

/**
 * {@code index.xhtml}: mail per day over the last {@link #DAYS} days (inbound and outbound volume;
 * spam and virus), as Chart.js configurations for {@code p:chart}, and the senders with the most
 * held or refused messages.
 */
@Named
@ViewScoped
public class DashboardView implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int DAYS = 14;

    @Inject private transient DashboardService dashboard;
    @Inject private transient ConsoleUser user;

    private String volumeChart;
    private String threatChart;
    private List<Sender> topHeldSenders = List.of();
    private long inbound;
    private long outbound;
    private long spam;
    private long virus;

    @PostConstruct
    public void init() {
        DashboardService.Summary summary =
                Feedback.attempt(() -> dashboard.summary(user.caller(), DAYS));
        List<Day> days = summary == null ? List.of() : summary.days();
        topHeldSenders = summary == null ? List.of() : summary.topHeldSenders();
        inbound = days.stream().mapToLong(Day::inbound).sum();
        outbound = days.stream().mapToLong(Day::outbound).sum();
        spam = days.stream().mapToLong(Day::spam).sum();
        virus = days.stream().mapToLong(Day::virus).sum();
        volumeChart =
                chart(
                        "bar",
                        days,
                        "Inbound",
                        Day::inbound,
                        "#3b82f6",
                        "Outbound",
                        Day::outbound,
                        "#10b981");
        threatChart =
                chart("line", days, "Spam", Day::spam, "#f59e0b", "Virus", Day::virus, "#ef4444");
    }

    /** A Chart.js configuration with two series; only dates and numbers, no message data. */
    static String chart(
            String type,
            List<Day> days,
            String label1,
            ToLongFunction<Day> series1,
            String colour1,
            String label2,
            ToLongFunction<Day> series2,
            String colour2) {
        JsonArrayBuilder labels = Json.createArrayBuilder();
        days.forEach(d -> labels.add(d.day().toString()));
        JsonObject config =
                Json.createObjectBuilder()
                        .add("type", type)
                        .add(
                                "data",
                                Json.createObjectBuilder()
                                        .add("labels", labels)
                                        .add(
                                                "datasets",
                                                Json.createArrayBuilder()
                                                        .add(
                                                                dataset(
                                                                        days, label1, series1,
                                                                        colour1))
                                                        .add(
                                                                dataset(
                                                                        days, label2, series2,
                                                                        colour2))))
                        .add(
                                "options",
                                Json.createObjectBuilder()
                                        .add("responsive", true)
                                        .add("maintainAspectRatio", false)
                                        .add("animation", false)
                                        .add(
                                                "scales",
                                                Json.createObjectBuilder()
                                                        .add(
                                                                "y",
                                                                Json.createObjectBuilder()
                                                                        .add("beginAtZero", true)
                                                                        .add(
                                                                                "ticks",
                                                                                Json
                                                                                        .createObjectBuilder()
                                                                                        .add(
                                                                                                "precision",
                                                                                                0)))))
                        .build();
        // The configuration is written into a script element: no "<" may close it early.
        return config.toString()
                .replace("<", "\\u003c")
                .replace(">", "\\u003e")
                .replace("&", "\\u0026");
    }

    private static JsonObject dataset(
            List<Day> days, String label, ToLongFunction<Day> series, String colour) {
        JsonArrayBuilder values = Json.createArrayBuilder();
        days.forEach(d -> values.add(series.applyAsLong(d)));
        return Json.createObjectBuilder()
                .add("label", label)
                .add("data", values)
                .add("backgroundColor", colour)
                .add("borderColor", colour)
                .build();
    }

    public String getVolumeChart() {
        return volumeChart;
    }

    public String getThreatChart() {
        return threatChart;
    }

    public List<Sender> getTopHeldSenders() {
        return topHeldSenders;
    }

    public long getInbound() {
        return inbound;
    }

    public long getOutbound() {
        return outbound;
    }

    public long getSpam() {
        return spam;
    }

    public long getVirus() {
        return virus;
    }

    public int getDays() {
        return DAYS;
    }
}
