package health.rapport.plugin.panel;

import health.rapport.plugin.caseload.CaseloadFlag;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which page of the caseload to send: the rows filtered by a flag, ordered by a column over all of the
 * clinician's courses (never within a page), then one page of them. Ties keep the caseload's own order,
 * most urgent first, so the default order is urgency across every course.
 *
 * @param page the page, from 0
 * @param count rows per page, 1 to {@value #MAX_COUNT}
 * @param sort a column of {@link #SORTS}
 * @param ascending the column's direction
 * @param flag only rows with this flag, "any" for rows with any flag, empty for all
 */
public record CaseloadPage(int page, int count, String sort, boolean ascending, Optional<String> flag) {

    public static final int DEFAULT_COUNT = 50;
    public static final int MAX_COUNT = 500;

    /** The columns a caseload can be ordered by (the page's sortable columns), each a key of a row. */
    static final Map<String, Function<Map<String, Object>, Comparable<?>>> SORTS = sorts();

    /** The first page of the most urgent courses, {@value #DEFAULT_COUNT} rows. */
    public static final CaseloadPage FIRST = new CaseloadPage(0, DEFAULT_COUNT, "urgency", true, Optional.empty());

    /**
     * The page a request asks for ({@code page}, {@code count}, {@code sort}, {@code order=asc|desc},
     * {@code flag}); absent parameters take the first page of the most urgent courses.
     *
     * @throws IllegalArgumentException with the reason, on a value out of range or unknown
     */
    public static CaseloadPage of(Function<String, String> parameters) {
        int page = number(parameters.apply("page"), 0, "page", 0, Integer.MAX_VALUE);
        int count = number(parameters.apply("count"), DEFAULT_COUNT, "count", 1, MAX_COUNT);
        String sort = Optional.ofNullable(parameters.apply("sort")).orElse("urgency");
        if (!SORTS.containsKey(sort)) {
            throw new IllegalArgumentException("sort must be one of " + String.join(", ", SORTS.keySet()) + ", not '"
                    + sort + "'.");
        }
        String order = Optional.ofNullable(parameters.apply("order")).orElse("asc").toLowerCase(Locale.ROOT);
        if (!order.equals("asc") && !order.equals("desc")) {
            throw new IllegalArgumentException("order must be asc or desc.");
        }
        Optional<String> flag = Optional.ofNullable(parameters.apply("flag")).filter(f -> !f.isEmpty());
        if (flag.filter(f -> !f.equals("any") && Arrays.stream(CaseloadFlag.values()).noneMatch(c -> c.code().equals(f)))
                .isPresent()) {
            throw new IllegalArgumentException("flag must be 'any' or a flag's code (" + String.join(", ",
                    Arrays.stream(CaseloadFlag.values()).map(CaseloadFlag::code).toList()) + ").");
        }
        return new CaseloadPage(page, count, sort, order.equals("asc"), flag);
    }

    /**
     * This page of {@code rows} (given most urgent first) with the counts around it: {@code total} (rows
     * that pass the filter), {@code open} (all rows), {@code page}, {@code pages}, {@code count},
     * {@code sort}, {@code order} and {@code courses} (the page's rows).
     */
    public Map<String, Object> of(List<Map<String, Object>> rows) {
        List<Map<String, Object>> shown = rows.stream().filter(this::passes).sorted(order()).toList();
        int pages = Math.max(1, (shown.size() + count - 1) / count);
        int at = Math.min(page, pages - 1);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("open", rows.size());
        out.put("total", shown.size());
        out.put("page", at);
        out.put("pages", pages);
        out.put("count", count);
        out.put("sort", sort);
        out.put("order", ascending ? "asc" : "desc");
        flag.ifPresent(f -> out.put("flag", f));
        out.put("courses", shown.subList(Math.min(shown.size(), at * count), Math.min(shown.size(), (at + 1) * count)));
        return out;
    }

    private boolean passes(Map<String, Object> row) {
        if (flag.isEmpty()) {
            return true;
        }
        List<?> flags = (List<?>) row.get("flags");
        return flag.get().equals("any") ? !flags.isEmpty()
                : flags.stream().anyMatch(f -> flag.get().equals(((Map<?, ?>) f).get("code")));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Comparator<Map<String, Object>> order() {
        Function<Map<String, Object>, Comparable<?>> key = SORTS.get(sort);
        Comparator<Map<String, Object>> by = Comparator.comparing(row -> (Comparable) key.apply(row));
        // A stable sort: equal keys keep the given (most urgent first) order, in either direction.
        return ascending ? by : by.reversed();
    }

    private static Map<String, Function<Map<String, Object>, Comparable<?>>> sorts() {
        Map<String, Function<Map<String, Object>, Comparable<?>>> out = new LinkedHashMap<>();
        out.put("urgency", row -> (Integer) row.get("urgency"));
        out.put("name", row -> String.valueOf(((Map<?, ?>) row.get("patient")).get("name")).toLowerCase(Locale.ROOT));
        out.put("phase", row -> phase((String) row.get("phase")));
        out.put("session", row -> (Integer) row.get("session"));
        out.put("lastSession", row -> Optional.ofNullable((String) row.get("lastSessionAt")).orElse(""));
        out.put("phq9", row -> score(row.get("phq9")));
        out.put("gad7", row -> score(row.get("gad7")));
        return java.util.Collections.unmodifiableMap(out);
    }

    private static int phase(String code) {
        return List.of("initial", "middle", "termination", "maintenance").indexOf(code);
    }

    private static int score(Object measure) {
        return measure instanceof Map<?, ?> m && m.get("value") instanceof Integer value ? value : -1;
    }

    private static int number(String text, int absent, String name, int min, int max) {
        if (text == null || text.isEmpty()) {
            return absent;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException(name + " must be a whole number from " + min
                + (max == Integer.MAX_VALUE ? "" : " to " + max) + ", not '" + text + "'.");
    }
}
