package org.filtermx.web.console;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * A lazy table over a newest-first listing that pages by keyset ("the next rows below id N"), never
 * by offset: page {@code p} continues below the last id of page {@code p - 1}. The total is not
 * counted; the paginator knows the pages seen so far plus one when more rows exist.
 */
public class KeysetLazyModel<T> extends LazyDataModel<T> {

    private static final long serialVersionUID = 1L;

    /** Fetches up to {@code limit} rows below {@code before} (null: from the newest). */
    @FunctionalInterface
    public interface Fetch<T> extends Serializable {
        List<T> rows(Long before, int limit);
    }

    private final Fetch<T> fetch;
    private final ToLongFunction<T> id;

    /** {@code before.get(p)} is where page p starts. */
    private final List<Long> before = new ArrayList<>();

    private int known;
    private boolean more = true;

    public KeysetLazyModel(Fetch<T> fetch, SerializableId<T> id) {
        this.fetch = fetch;
        this.id = id;
        before.add(null);
    }

    /** A row's id, serializable with the view. */
    @FunctionalInterface
    public interface SerializableId<T> extends ToLongFunction<T>, Serializable {}

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        return known + (more ? 1 : 0);
    }

    @Override
    public List<T> load(
            int first,
            int pageSize,
            Map<String, SortMeta> sortBy,
            Map<String, FilterMeta> filterBy) {
        int page = first / pageSize;
        List<T> rows = List.of();
        // Walk forward from the last page whose start is known.
        for (int p = Math.min(page, before.size() - 1); p <= page; p++) {
            List<T> fetched = fetch.rows(before.get(p), pageSize + 1);
            boolean hasMore = fetched.size() > pageSize;
            rows = hasMore ? fetched.subList(0, pageSize) : fetched;
            if (p == page || rows.isEmpty()) {
                // The end of what is known: this page, or an earlier one that came back short.
                known = p * pageSize + rows.size();
                more = hasMore;
                if (p != page) {
                    rows = List.of();
                }
            }
            if (rows.isEmpty()) {
                break;
            }
            if (before.size() == p + 1) {
                before.add(id.applyAsLong(rows.get(rows.size() - 1)));
            } else {
                before.set(p + 1, id.applyAsLong(rows.get(rows.size() - 1)));
            }
        }
        rows = new ArrayList<>(rows);
        setRowCount(known + (more ? 1 : 0));
        return rows;
    }

    @Override
    public String getRowKey(T row) {
        return Long.toString(id.applyAsLong(row));
    }

    @Override
    public T getRowData(String rowKey) {
        List<T> data = getWrappedData();
        if (data != null) {
            for (T row : data) {
                if (getRowKey(row).equals(rowKey)) {
                    return row;
                }
            }
        }
        return null;
    }
}
