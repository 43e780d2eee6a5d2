package org.filtermx.application;

import java.time.LocalDate;
import java.util.List;

/** Figures for the console's dashboard, over the mail the caller may see. */
public interface DashboardService {

    /** One day's mail: received in and out, held or refused as spam, as virus, delivered. */
    record Day(LocalDate day, long inbound, long outbound, long spam, long virus, long delivered) {}

    /** A sender and how many of its messages were held or refused. */
    record Sender(String sender, long held) {}

    record Summary(List<Day> days, List<Sender> topHeldSenders) {}

    /** The last {@code days} days (UTC, today included), at most 31. */
    Summary summary(Caller caller, int days);
}
