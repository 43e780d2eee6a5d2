import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

/**
 * Writes a realistic message log as tab-separated files for LOAD DATA, one per table:
 * message_log.tsv, log_recipient.tsv, message_event.tsv, and domains.tsv (rank, name, messages).
 *
 *   java Gen.java ROWS OUT_DIR END_EPOCH_MILLIS [DAYS]
 *
 * Ids are explicit (1..ROWS, in time order, as AUTO_INCREMENT would give them) so that the three
 * files agree without a round trip to the database. The random source is seeded: the same ROWS and
 * end time give the same data. Shapes (see bench/README.md, "Log search benchmark"):
 * 2,000 domains with Zipf-like traffic (s = 0.75: the biggest has about 4 %), ~200,000 mailboxes
 * spread over the domains by their traffic, ~300,000 senders with a few heavy ones (Zipf s = 0.9),
 * 1-3 recipients (1.3 on average), 92 % inbound, mostly DELIVERED.
 */
public class Gen {

    static final int DOMAINS = 2000;
    static final int MAILBOXES = 200_000;
    static final int SENDERS = 300_000;
    static final int SENDER_DOMAINS = 30_000;

    static final String[] FIRST = {"anna", "ben", "carla", "david", "emma", "felix", "greta", "hugo", "ines", "jonas",
        "karla", "leon", "maria", "nils", "olga", "paul", "quinn", "rosa", "sven", "tina", "uwe", "vera", "walter",
        "xenia", "yann", "zoe", "alex", "bruno", "chloe", "dora", "erik", "fiona", "georg", "hanna", "ivan", "julia",
        "kurt", "lena", "max", "nora", "oskar", "pia", "rene", "sara", "tom", "ulla", "viktor", "wanda", "yusuf", "zara"};
    static final String[] LAST = {"smith", "mueller", "garcia", "rossi", "novak", "jensen", "dubois", "silva", "kowalski",
        "berg", "meyer", "lopez", "bianchi", "horvat", "larsen", "martin", "santos", "nowak", "lind", "schmidt",
        "fernandez", "ricci", "kovac", "nielsen", "bernard", "costa", "wojcik", "holm", "weber", "martinez", "conti",
        "babic", "hansen", "thomas", "pereira", "kaminski", "strom", "wagner", "sanchez", "greco", "juric", "olsen",
        "robert", "oliveira", "lewandowski", "ek", "becker", "perez", "marino", "petrov"};
    static final String[] WORDS = {"north", "blue", "river", "stone", "bright", "iron", "green", "cloud", "silver", "oak",
        "summit", "harbor", "pixel", "delta", "alpine", "urban", "solar", "cedar", "nova", "atlas", "vertex", "maple",
        "coral", "falcon", "granite", "lumen", "orbit", "prairie", "quartz", "ridge"};
    static final String[] KINDS = {"logistics", "dental", "media", "labs", "consulting", "bakery", "legal", "motors",
        "travel", "design", "energy", "health", "foods", "systems", "capital", "studio", "farms", "tools", "schools",
        "clinic"};
    static final String[] TLDS = {"example", "test", "example.com", "example.net", "example.org"};
    static final String[] SERVICES = {"noreply", "notifications", "newsletter", "billing", "alerts", "no-reply", "info",
        "support", "updates", "orders"};
    static final String[] SUBJECTS = {"Invoice %d", "Re: meeting on Thursday", "Your order #%d has shipped",
        "Weekly report week %d", "Fwd: contract draft v%d", "Password reset request", "Re: Re: quote %d",
        "Newsletter - %d new offers", "Delivery notification %d", "Reminder: appointment", "Payment received",
        "Urgent: account verification", "You have won %d EUR", "Project update", "Re: holiday plans",
        "Ticket #%d updated", "Security alert for your account", "Lunch?", "Minutes of board meeting %d",
        "Cheap meds %d", "Job application", "Re: your question about %d", "Statement available", "Shared document"};
    static final String[] STATUSES = {"DELIVERED", "QUARANTINED", "REJECTED", "BOUNCED", "DEFERRED"};
    static final double[] STATUS_CDF = {0.835, 0.935, 0.965, 0.985, 1.0};

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: java Gen.java ROWS OUT_DIR END_EPOCH_MILLIS [DAYS]");
            System.exit(2);
        }
        long rows = Long.parseLong(args[0]);
        Path out = Path.of(args[1]);
        long end = Long.parseLong(args[2]);
        int days = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        long span = days * 86_400_000L;
        long start = end - span;
        Files.createDirectories(out);
        SplittableRandom rnd = new SplittableRandom(20261127L);

        String[] domains = new String[DOMAINS];
        for (int d = 0; d < DOMAINS; d++) {
            domains[d] = WORDS[d % WORDS.length] + "-" + KINDS[(d / WORDS.length) % KINDS.length]
                    + (d >= WORDS.length * KINDS.length ? String.valueOf(d / (WORDS.length * KINDS.length)) : "")
                    + "." + TLDS[d % TLDS.length];
        }
        double[] domainCdf = zipfCdf(DOMAINS, 0.75);
        // Each domain's mailboxes, in proportion to its traffic, at least 3.
        int[] mailboxes = new int[DOMAINS];
        for (int d = 0; d < DOMAINS; d++) {
            double share = domainCdf[d] - (d == 0 ? 0 : domainCdf[d - 1]);
            mailboxes[d] = Math.max(3, (int) Math.round(MAILBOXES * share));
        }
        double[] senderCdf = zipfCdf(SENDERS, 0.9);
        long[] perDomain = new long[DOMAINS];

        try (BufferedWriter log = writer(out.resolve("message_log.tsv"));
                BufferedWriter rcpt = writer(out.resolve("log_recipient.tsv"));
                BufferedWriter events = writer(out.resolve("message_event.tsv"))) {
            StringBuilder sb = new StringBuilder(1024);
            String[] to = new String[3];
            for (long i = 0; i < rows; i++) {
                long id = i + 1;
                long at = start + (long) ((i + rnd.nextDouble()) * span / rows);
                int d = pick(domainCdf, rnd.nextDouble());
                perDomain[d]++;
                String domain = domains[d];
                boolean outbound = rnd.nextDouble() < 0.08;
                int senderRank = pick(senderCdf, rnd.nextDouble());
                String sender;
                int n = recipientCount(rnd);
                if (outbound) {
                    sender = mailbox(skewed(rnd, mailboxes[d])) + "@" + domain;
                    for (int k = 0; k < n; k++) {
                        to[k] = external(pick(senderCdf, rnd.nextDouble()));
                    }
                } else {
                    sender = external(senderRank);
                    for (int k = 0; k < n; k++) {
                        to[k] = mailbox(skewed(rnd, mailboxes[d])) + "@" + domain;
                    }
                }
                n = distinct(to, n);
                double u = rnd.nextDouble();
                int s = 0;
                while (u > STATUS_CDF[s]) {
                    s++;
                }
                String status = STATUSES[s];
                double score = switch (status) {
                    case "QUARANTINED" -> 5 + rnd.nextDouble() * 10;
                    case "REJECTED" -> 10 + rnd.nextDouble() * 15;
                    default -> rnd.nextDouble() * 4.5 - 1;
                };
                long done = at + 200 + rnd.nextInt(30_000);
                String queueId = Long.toString(at, 36).toUpperCase() + Long.toString(id, 36).toUpperCase();
                String messageId = Long.toHexString(rnd.nextLong()) + "." + id + "@"
                        + sender.substring(sender.indexOf('@') + 1);
                String subject = String.format(SUBJECTS[rnd.nextInt(SUBJECTS.length)], 1000 + rnd.nextInt(90_000));
                String verdict = switch (status) {
                    case "QUARANTINED" -> "QUARANTINE";
                    case "REJECTED" -> "REJECT";
                    default -> "DELIVER";
                };
                String reasons = score >= 5 ? "BAYES_99 +5.5, SPF_FAIL +3.5, URIBL +2.0" : "BAYES_00 -1.5";
                String reason = switch (status) {
                    case "DELIVERED" -> "250 2.0.0 Ok: queued as " + Long.toHexString(rnd.nextLong() & 0xfffffffffL);
                    case "QUARANTINED" -> "held in the quarantine (score " + String.format("%.1f", score) + ")";
                    case "REJECTED" -> "550 5.7.1 message refused as spam";
                    case "BOUNCED" -> "550 5.1.1 <" + to[0] + ">: Recipient address rejected: User unknown";
                    default -> "451 4.4.1 connection timed out";
                };

                sb.setLength(0);
                sb.append(id).append('\t').append(queueId).append('\t').append(messageId).append('\t')
                        .append(outbound ? "OUTBOUND" : "INBOUND").append('\t').append(domain).append('\t')
                        .append(outbound ? "10.0." + rnd.nextInt(256) + "." + rnd.nextInt(256)
                                : (rnd.nextInt(223) + 1) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256))
                        .append('\t').append("mail.").append(sender.substring(sender.indexOf('@') + 1)).append('\t')
                        .append(sender).append('\t');
                for (int k = 0; k < n; k++) {
                    if (k > 0) {
                        sb.append(',');
                    }
                    sb.append(to[k]);
                }
                sb.append('\t').append(subject).append('\t').append(2_000 + rnd.nextInt(120_000)).append('\t')
                        .append(status).append('\t').append(reason).append('\t')
                        .append(Math.round(score * 10) / 10.0).append('\t').append(verdict).append('\t')
                        .append(reasons).append('\t');
                time(sb, at).append('\t');
                time(sb, done).append('\n');
                log.append(sb);

                for (int k = 0; k < n; k++) {
                    sb.setLength(0);
                    sb.append(to[k]).append('\t');
                    time(sb, at).append('\t').append(id).append('\n');
                    rcpt.append(sb);
                }

                sb.setLength(0);
                sb.append(2 * id - 1).append('\t').append(id).append('\t');
                time(sb, at).append("\tACCEPTED\t\\N\t").append("250 2.0.0 Ok: queued as ").append(queueId).append('\n');
                sb.append(2 * id).append('\t').append(id).append('\t');
                time(sb, done).append('\t').append(status).append('\t')
                        .append(status.equals("DELIVERED") ? "127.0.0.1:2626" : "\\N").append('\t')
                        .append(reason).append('\n');
                events.append(sb);
            }
        }
        try (BufferedWriter w = writer(out.resolve("domains.tsv"))) {
            for (int d = 0; d < DOMAINS; d++) {
                w.append(String.valueOf(d + 1)).append('\t').append(domains[d]).append('\t')
                        .append(String.valueOf(perDomain[d])).append('\n');
            }
        }
    }

    static BufferedWriter writer(Path p) throws IOException {
        return new BufferedWriter(Files.newBufferedWriter(p, StandardCharsets.UTF_8), 1 << 20);
    }

    /** Cumulative Zipf weights 1/k^s for ranks 1..n, normalised to 1. */
    static double[] zipfCdf(int n, double s) {
        double[] cdf = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1 / Math.pow(k + 1, s);
            cdf[k] = sum;
        }
        for (int k = 0; k < n; k++) {
            cdf[k] /= sum;
        }
        return cdf;
    }

    static int pick(double[] cdf, double u) {
        int lo = 0, hi = cdf.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] < u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** 0..n-1, low numbers more often (some mailboxes get much more mail than others). */
    static int skewed(SplittableRandom rnd, int n) {
        double u = rnd.nextDouble();
        return Math.min(n - 1, (int) (n * u * u));
    }

    static int recipientCount(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        return u < 0.75 ? 1 : u < 0.95 ? 2 : 3;
    }

    /** Drops repeated addresses (a small domain has few mailboxes); returns the new count. */
    static int distinct(String[] to, int n) {
        int m = 0;
        outer:
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < m; j++) {
                if (to[j].equals(to[k])) {
                    continue outer;
                }
            }
            to[m++] = to[k];
        }
        return m;
    }

    static String mailbox(int j) {
        int combos = FIRST.length * LAST.length;
        return FIRST[j % FIRST.length] + "." + LAST[(j / FIRST.length) % LAST.length]
                + (j >= combos ? String.valueOf(j / combos) : "");
    }

    /** Sender number k (rank 1 = heaviest): the heaviest are automated senders. */
    static String external(int k) {
        String domain = WORDS[(k / 7) % WORDS.length] + KINDS[(k / 3) % KINDS.length] + (k % SENDER_DOMAINS)
                + "." + TLDS[k % TLDS.length];
        if (k < 500) {
            return SERVICES[k % SERVICES.length] + (k / SERVICES.length) + "@" + domain;
        }
        return mailbox(k) + "@" + domain;
    }

    static final StringBuilder time(StringBuilder sb, long millis) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), 0, ZoneOffset.UTC);
        int ms = (int) Math.floorMod(millis, 1000);
        sb.append(t.getYear()).append('-');
        two(sb, t.getMonthValue()).append('-');
        two(sb, t.getDayOfMonth()).append(' ');
        two(sb, t.getHour()).append(':');
        two(sb, t.getMinute()).append(':');
        two(sb, t.getSecond()).append('.');
        if (ms < 100) {
            sb.append('0');
        }
        if (ms < 10) {
            sb.append('0');
        }
        return sb.append(ms);
    }

    static StringBuilder two(StringBuilder sb, int v) {
        if (v < 10) {
            sb.append('0');
        }
        return sb.append(v);
    }
}
