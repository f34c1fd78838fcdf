package org.astrocloud.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.sources.GreaterThan;
import org.apache.spark.sql.sources.GreaterThanOrEqual;
import org.apache.spark.sql.sources.In;
import org.apache.spark.sql.sources.LessThan;
import org.apache.spark.sql.sources.LessThanOrEqual;
import org.apache.spark.sql.sources.StringStartsWith;
import org.astrocloud.fits.FitsHeader;

/**
 * The filters pushed down on {@code uri}, {@code hdu} and {@code kind}, evaluated exactly as Spark
 * would: {@code uri} on the driver before a file is scanned, {@code hdu} and {@code kind} in the
 * reader before a row is built. An error row has a null {@code hdu} and {@code kind}, so any
 * condition on them drops it, as SQL's comparisons with null do.
 */
final class Conditions implements Serializable {
    private static final long serialVersionUID = 1L;

    /** One pushed comparison: {@code column op values}. */
    private record Condition(String column, String op, ArrayList<Object> values) implements Serializable {
        boolean test(Object v) {
            if (v == null) {
                return false;
            }
            return switch (op) {
                case "=", "in" -> values.contains(v);
                case "startsWith" -> ((String) v).startsWith((String) values.get(0));
                default -> {
                    int c = Integer.compare((Integer) v, (Integer) values.get(0));
                    yield switch (op) {
                        case ">" -> c > 0;
                        case ">=" -> c >= 0;
                        case "<" -> c < 0;
                        default -> c <= 0;
                    };
                }
            };
        }
    }

    private static final Set<String> COLUMNS = Set.of("uri", "hdu", "kind");
    private final ArrayList<Condition> conditions = new ArrayList<>();

    /** Takes {@code filter} if it is one this source evaluates exactly; {@code false} leaves it to Spark. */
    boolean push(Filter filter) {
        Optional<Condition> c = condition(filter);
        c.ifPresent(conditions::add);
        return c.isPresent();
    }

    private static Optional<Condition> condition(Filter f) {
        if (f instanceof EqualTo e && COLUMNS.contains(e.attribute())) {
            return typed(e.attribute(), "=", List.of(e.value()));
        }
        if (f instanceof In in && COLUMNS.contains(in.attribute())) {
            return typed(in.attribute(), "in", List.of(in.values()));
        }
        if (f instanceof StringStartsWith s && s.attribute().equals("uri")) {
            return typed("uri", "startsWith", List.of(s.value()));
        }
        if (f instanceof GreaterThan g) {
            return ordered(g.attribute(), ">", g.value());
        }
        if (f instanceof GreaterThanOrEqual g) {
            return ordered(g.attribute(), ">=", g.value());
        }
        if (f instanceof LessThan l) {
            return ordered(l.attribute(), "<", l.value());
        }
        if (f instanceof LessThanOrEqual l) {
            return ordered(l.attribute(), "<=", l.value());
        }
        return Optional.empty();
    }

    private static Optional<Condition> ordered(String column, String op, Object value) {
        return column.equals("hdu") ? typed(column, op, List.of(value)) : Optional.empty();
    }

    /** The condition, if every value has the column's type (a value of another type is Spark's to compare). */
    private static Optional<Condition> typed(String column, String op, List<Object> values) {
        Class<?> type = column.equals("hdu") ? Integer.class : String.class;
        boolean ok = values.stream().allMatch(type::isInstance);
        return ok ? Optional.of(new Condition(column, op, new ArrayList<>(values))) : Optional.empty();
    }

    /** Whether any condition is on {@code column}. */
    boolean on(String column) {
        return conditions.stream().anyMatch(c -> c.column().equals(column));
    }

    /** Whether the (masked) {@code uri} passes the conditions on {@code uri}. */
    boolean acceptsUri(String uri) {
        return conditions.stream().filter(c -> c.column().equals("uri")).allMatch(c -> c.test(uri));
    }

    /** Whether the row of {@code hdu} (null: an error row) passes the conditions on {@code hdu} and {@code kind}. */
    boolean acceptsHdu(FitsHeader hdu) {
        for (Condition c : conditions) {
            if (c.column().equals("hdu") && !c.test(hdu == null ? null : hdu.index())) {
                return false;
            }
            if (c.column().equals("kind") && !c.test(hdu == null ? null : hdu.kind().name())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return conditions.stream().map(c -> c.column() + " " + c.op() + " "
                + (c.column().equals("uri") ? c.values().stream().map(v -> ScanOptions.masked((String) v)).toList() : c.values()))
                .toList().toString();
    }
}
