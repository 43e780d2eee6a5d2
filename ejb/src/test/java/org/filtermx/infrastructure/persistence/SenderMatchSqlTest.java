package org.filtermx.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.filtermx.domain.model.filter.FilterListEntry;
import org.filtermx.domain.model.filter.FilterListEntry.ListAction;
import org.filtermx.domain.model.filter.FilterListEntry.MatchOn;
import org.filtermx.domain.model.filter.FilterListEntry.OwnerType;
import org.junit.jupiter.api.Test;

/**
 * The what-if query matches proposed list entries against senders in SQL; it must agree with {@link
 * FilterListEntry#matches} for every kind of pattern (H2 in MariaDB mode).
 */
class SenderMatchSqlTest {

    private static final List<String> SENDERS =
            List.of(
                    "a@example.net",
                    "b@sub.example.net",
                    "c@badexample.net",
                    "x.example.net@other.org",
                    "example.net",
                    "",
                    "a_b@ex%ample.net",
                    "friend@example.org");

    private static final List<String> PATTERNS =
            List.of(
                    "example.net",
                    "@example.net",
                    "a@example.net",
                    "sub.example.net",
                    "ex%ample.net",
                    "a_b@ex%ample.net",
                    "@sub.example.net");

    @Test
    void agreesWithTheListEntrysOwnMatching() throws Exception {
        try (Connection c =
                DriverManager.getConnection(
                        "jdbc:h2:mem:sendermatch;MODE=MariaDB;DATABASE_TO_LOWER=TRUE", "sa", "")) {
            c.createStatement().execute("CREATE TABLE message_log (sender VARCHAR(320))");
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO message_log (sender) VALUES (?)")) {
                for (String s : SENDERS) {
                    ps.setString(1, s);
                    ps.executeUpdate();
                }
            }
            int compared = 0;
            for (String pattern : PATTERNS) {
                FilterListEntry entry =
                        new FilterListEntry(
                                OwnerType.DOMAIN,
                                "example.com",
                                ListAction.BLOCK,
                                MatchOn.SENDER,
                                pattern);
                List<String> params = new ArrayList<>();
                String expr = JdbcVerdictLog.senderMatch(List.of(entry), ListAction.BLOCK, params);
                assertThat(JdbcVerdictLog.senderMatch(List.of(entry), ListAction.ALLOW, params))
                        .isEqualTo("0");
                try (PreparedStatement ps =
                        c.prepareStatement("SELECT m.sender, " + expr + " FROM message_log m")) {
                    for (int i = 0; i < params.size(); i++) {
                        ps.setString(i + 1, params.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            String sender = rs.getString(1);
                            assertThat(rs.getInt(2) == 1)
                                    .as("%s against %s", sender, pattern)
                                    .isEqualTo(entry.matches(sender));
                            compared++;
                        }
                    }
                }
            }
            assertThat(compared).isEqualTo(SENDERS.size() * PATTERNS.size());
        }
    }
}
