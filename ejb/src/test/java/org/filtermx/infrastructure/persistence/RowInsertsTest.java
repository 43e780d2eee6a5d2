package org.filtermx.infrastructure.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Multi-row inserts on H2 in MariaDB mode, the embedded database (MariaDB runs them in the
 * integration tests): every row is written, the statements are cut by rows and by bytes, and each
 * row gets its own generated id in the rows' order.
 */
class RowInsertsTest {

    private static int databases;
    private Connection c;

    @BeforeEach
    void open() throws Exception {
        c =
                DriverManager.getConnection(
                        "jdbc:h2:mem:rows" + (++databases) + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE",
                        "sa",
                        "");
        try (PreparedStatement ps =
                c.prepareStatement(
                        "CREATE TABLE item (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
                                + " name VARCHAR(40) NOT NULL, content VARBINARY(10000000))")) {
            ps.executeUpdate();
        }
    }

    @AfterEach
    void close() throws Exception {
        c.close();
    }

    private record Row(String name, byte[] content) {}

    private static List<Row> rows(int n, int bytes) {
        return IntStream.range(0, n).mapToObj(i -> new Row("row-" + i, new byte[bytes])).toList();
    }

    @Test
    void everyRowGetsItsOwnIdInOrderAcrossStatements() throws Exception {
        insertOne("before"); // ids do not start at 1
        List<Row> rows = rows(RowInserts.MAX_ROWS * 2 + 7, 0);
        long[] ids =
                RowInserts.insertReturningIds(
                        c,
                        "INSERT INTO item (name) VALUES (?)",
                        rows,
                        (ps, i, r) -> ps.setString(i, r.name()));
        assertEquals(rows.size(), ids.length);
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(rows.get(i).name(), nameOf(ids[i]), "row " + i);
        }
        assertEquals(rows.size() + 1, count());
    }

    @Test
    void rowsWithBytesAreCutAtTheByteLimitAndALargeRowGoesAlone() throws Exception {
        int size = (int) (RowInserts.MAX_BYTES / 3);
        List<Row> rows = new ArrayList<>(rows(5, size));
        rows.add(2, new Row("large", new byte[(int) RowInserts.MAX_BYTES + 10]));
        List<Integer> statementRows = new ArrayList<>();
        RowInserts.insertSized(
                c,
                "INSERT INTO item (name, content) VALUES (?, ?)",
                rows,
                (ps, i, r) -> {
                    if (i == 1) {
                        statementRows.add(0);
                    }
                    statementRows.set(
                            statementRows.size() - 1,
                            statementRows.get(statementRows.size() - 1) + 1);
                    ps.setString(i, r.name());
                    ps.setBytes(i + 1, r.content());
                },
                r -> r.content().length);
        assertEquals(List.of(2, 1, 3), statementRows);
        assertEquals(rows.size(), count());
    }

    @Test
    void theStatementRepeatsTheRowOfValues() {
        assertEquals(
                "INSERT INTO t (a, b) VALUES (?, 'x', ?), (?, 'x', ?)",
                RowInserts.sql("INSERT INTO t (a, b)", "(?, 'x', ?)", 2));
    }

    private void insertOne(String name) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO item (name) VALUES (?)")) {
            ps.setString(1, name);
            ps.executeUpdate();
        }
    }

    private String nameOf(long id) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT name FROM item WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private int count() throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM item");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
