package org.filtermx.infrastructure.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Many rows in one {@code INSERT ... VALUES (...), (...)} statement: the group commit of received
 * mail (ADR 0041) writes the rows of several messages with one statement per table instead of one
 * per message. Statements are cut at {@value #MAX_ROWS} rows and, where rows carry message bytes,
 * at {@value #MAX_BYTES} bytes (a single larger row goes alone), so that none comes near the
 * server's packet limit.
 *
 * <p>Generated keys are read in the rows' order: on MariaDB with {@code RETURNING id} (the driver
 * would otherwise derive them from the first one, which is wrong when another transaction's rows
 * interleave, as {@code innodb_autoinc_lock_mode = 2} allows), on H2 from the generated keys of the
 * statement, which holds one per row.
 */
final class RowInserts {

    /** Rows per statement. */
    static final int MAX_ROWS = 200;

    /** Message bytes per statement, where rows carry them. */
    static final long MAX_BYTES = 4L * 1024 * 1024;

    /** Binds one row's values from {@code first} on. */
    interface Binder<T> {
        void bind(PreparedStatement ps, int first, T row) throws SQLException;
    }

    private RowInserts() {}

    /**
     * Inserts the rows; {@code insert} is the statement for one row, {@code INSERT INTO t (a, b)
     * VALUES (?, ?)}, whose row of values is repeated.
     */
    static <T> void insert(Connection c, String insert, List<T> rows, Binder<T> binder)
            throws SQLException {
        run(c, insert, rows, binder, r -> 0, null);
    }

    /**
     * Inserts rows that carry message bytes, {@code size} of each, in statements of bounded size.
     */
    static <T> void insertSized(
            Connection c, String insert, List<T> rows, Binder<T> binder, ToLongFunction<T> size)
            throws SQLException {
        run(c, insert, rows, binder, size, null);
    }

    /** Inserts the rows and returns the generated {@code id} of each, in the rows' order. */
    static <T> long[] insertReturningIds(
            Connection c, String insert, List<T> rows, Binder<T> binder) throws SQLException {
        long[] ids = new long[rows.size()];
        run(c, insert, rows, binder, r -> 0, ids);
        return ids;
    }

    private static <T> void run(
            Connection c,
            String insert,
            List<T> rows,
            Binder<T> binder,
            ToLongFunction<T> size,
            long[] ids)
            throws SQLException {
        int values = insert.lastIndexOf(" VALUES ");
        String head = insert.substring(0, values);
        String row = insert.substring(values + " VALUES ".length());
        int columns = (int) row.chars().filter(ch -> ch == '?').count();
        boolean h2 = ids != null && "H2".equals(c.getMetaData().getDatabaseProductName());
        int from = 0;
        while (from < rows.size()) {
            int to = from + 1;
            long bytes = size.applyAsLong(rows.get(from));
            while (to < rows.size() && to - from < MAX_ROWS) {
                long next = size.applyAsLong(rows.get(to));
                if (bytes + next > MAX_BYTES) {
                    break;
                }
                bytes += next;
                to++;
            }
            String sql = sql(head, row, to - from);
            if (ids == null) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    bind(ps, columns, rows, from, to, binder);
                    ps.executeUpdate();
                }
            } else if (h2) {
                try (PreparedStatement ps = c.prepareStatement(sql, new String[] {"id"})) {
                    bind(ps, columns, rows, from, to, binder);
                    ps.executeUpdate();
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        readIds(keys, ids, from, to);
                    }
                }
            } else {
                try (PreparedStatement ps = c.prepareStatement(sql + " RETURNING id")) {
                    bind(ps, columns, rows, from, to, binder);
                    try (ResultSet keys = ps.executeQuery()) {
                        readIds(keys, ids, from, to);
                    }
                }
            }
            from = to;
        }
    }

    private static <T> void bind(
            PreparedStatement ps, int columns, List<T> rows, int from, int to, Binder<T> binder)
            throws SQLException {
        for (int i = from; i < to; i++) {
            binder.bind(ps, (i - from) * columns + 1, rows.get(i));
        }
    }

    private static void readIds(ResultSet keys, long[] ids, int from, int to) throws SQLException {
        int i = from;
        while (keys.next()) {
            if (i == to) {
                throw new SQLException("the insert returned more keys than rows");
            }
            ids[i++] = keys.getLong(1);
        }
        if (i != to) {
            throw new SQLException(
                    "the insert returned " + (i - from) + " keys for " + (to - from) + " rows");
        }
    }

    /** {@code head VALUES row, row, ...} with {@code rows} rows. */
    static String sql(String head, String row, int rows) {
        StringBuilder sql = new StringBuilder(head.length() + 8 + rows * (row.length() + 2));
        sql.append(head).append(" VALUES ");
        for (int i = 0; i < rows; i++) {
            if (i > 0) {
                sql.append(", ");
            }
            sql.append(row);
        }
        return sql.toString();
    }
}
