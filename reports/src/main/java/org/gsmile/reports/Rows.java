package org.gsmile.reports;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** A Tablesaw table filled row by row: a column list fixed once, then values in column order. */
final class Rows {
    private final List<Column<?>> columns = new ArrayList<>();
    private final String name;

    Rows(String name) {
        this.name = name;
    }

    Rows text(String column) {
        columns.add(StringColumn.create(column));
        return this;
    }

    Rows whole(String column) {
        columns.add(IntColumn.create(column));
        return this;
    }

    Rows whole64(String column) {
        columns.add(LongColumn.create(column));
        return this;
    }

    Rows number(String column) {
        columns.add(DoubleColumn.create(column));
        return this;
    }

    /** Appends one row; null appends a missing value, a non-finite double is kept as it is (NaN = missing). */
    void add(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(name + ": " + values.length + " values for " + columns.size() + " columns");
        }
        for (int i = 0; i < values.length; i++) {
            Column<?> c = columns.get(i);
            Object v = values[i];
            ColumnType type = c.type();
            if (v == null) {
                c.appendMissing();
            } else if (type == ColumnType.STRING) {
                ((StringColumn) c).append(v.toString());
            } else if (type == ColumnType.INTEGER) {
                ((IntColumn) c).append(((Number) v).intValue());
            } else if (type == ColumnType.LONG) {
                ((LongColumn) c).append(((Number) v).longValue());
            } else {
                ((DoubleColumn) c).append(((Number) v).doubleValue());
            }
        }
    }

    Table table() {
        return Table.create(name, columns.toArray(new Column<?>[0]));
    }
}
