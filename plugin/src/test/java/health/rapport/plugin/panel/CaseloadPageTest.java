package health.rapport.plugin.panel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.rapport.plugin.caseload.CaseloadFlag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The caseload's server-side pages: ordered over every course, then cut, and filtered before counting. */
class CaseloadPageTest {

    /** Most urgent first, as {@link CaseloadView} hands them over. */
    private static final List<Map<String, Object>> ROWS = List.of(
            row("ann", 0, 9, CaseloadFlag.ITEM9_POSITIVE),
            row("bob", 2, 22, CaseloadFlag.DETERIORATION),
            row("cy", 2, 14, CaseloadFlag.DETERIORATION),
            row("dee", 4, 7, CaseloadFlag.ALLIANCE),
            row("eve", 7, 3),
            row("fay", 7, 12));

    @Test
    void theDefaultPageIsTheMostUrgentAcrossAllCoursesAndLaterPagesContinueThatOrder() {
        CaseloadPage first = CaseloadPage.of(parameters(Map.of("count", "4")));
        assertThat(names(first.of(ROWS))).containsExactly("ann", "bob", "cy", "dee");

        Map<String, Object> second = CaseloadPage.of(parameters(Map.of("count", "4", "page", "1"))).of(ROWS);
        assertThat(names(second)).containsExactly("eve", "fay");
        assertThat(second).containsEntry("total", 6).containsEntry("open", 6).containsEntry("pages", 2)
                .containsEntry("page", 1);
    }

    @Test
    void aColumnOrdersEveryCourseBeforeThePageIsCutAndTiesKeepTheUrgencyOrder() {
        Map<String, Object> page = CaseloadPage.of(parameters(Map.of("sort", "phq9", "order", "desc", "count", "2")))
                .of(ROWS);
        assertThat(names(page)).containsExactly("bob", "cy");

        // Equal urgency (bob and cy; eve and fay) stays in the given order, in either direction.
        assertThat(names(CaseloadPage.of(parameters(Map.of("sort", "urgency", "order", "desc"))).of(ROWS)))
                .containsExactly("eve", "fay", "dee", "bob", "cy", "ann");
    }

    @Test
    void theFlagFilterCountsOnlyTheRowsThatCarryIt() {
        Map<String, Object> any = CaseloadPage.of(parameters(Map.of("flag", "any"))).of(ROWS);
        assertThat(names(any)).containsExactly("ann", "bob", "cy", "dee");
        assertThat(any).containsEntry("total", 4).containsEntry("open", 6);

        Map<String, Object> deterioration = CaseloadPage.of(parameters(Map.of("flag", "deterioration"))).of(ROWS);
        assertThat(names(deterioration)).containsExactly("bob", "cy");
    }

    @Test
    void aPageBeyondTheLastShowsTheLast() {
        Map<String, Object> page = CaseloadPage.of(parameters(Map.of("count", "4", "page", "9"))).of(ROWS);
        assertThat(page).containsEntry("page", 1);
        assertThat(names(page)).containsExactly("eve", "fay");
    }

    @Test
    void unknownOrOutOfRangeParametersAreRefusedWithTheReason() {
        assertThatThrownBy(() -> CaseloadPage.of(parameters(Map.of("count", "0")))).hasMessageContaining("count");
        assertThatThrownBy(() -> CaseloadPage.of(parameters(Map.of("count", "501")))).hasMessageContaining("500");
        assertThatThrownBy(() -> CaseloadPage.of(parameters(Map.of("page", "-1")))).hasMessageContaining("page");
        assertThatThrownBy(() -> CaseloadPage.of(parameters(Map.of("page", "x")))).hasMessageContaining("page");
        assertThatThrownBy(() -> CaseloadPage.of(parameters(Map.of("sort", "dob")))).hasMessageContaining("sort");
        assertThatThrownBy(() -> CaseloadPage.of(parameters(Map.of("order", "up")))).hasMessageContaining("order");
        assertThatThrownBy(() -> CaseloadPage.of(parameters(Map.of("flag", "sad")))).hasMessageContaining("flag");
    }

    private static java.util.function.Function<String, String> parameters(Map<String, String> values) {
        return new HashMap<>(values)::get;
    }

    @SuppressWarnings("unchecked")
    private static List<String> names(Map<String, Object> page) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> row : (List<Map<String, Object>>) page.get("courses")) {
            out.add((String) ((Map<String, Object>) row.get("patient")).get("name"));
        }
        return out;
    }

    private static Map<String, Object> row(String name, int urgency, int phq9, CaseloadFlag... flags) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("patient", Map.of("id", name, "name", name));
        row.put("phase", "middle");
        row.put("session", 3);
        row.put("lastSessionAt", null);
        row.put("phq9", Map.of("value", phq9));
        row.put("gad7", null);
        row.put("flags", java.util.Arrays.stream(flags).map(f -> Map.of("code", f.code(), "label", f.label())).toList());
        row.put("urgency", urgency);
        return row;
    }
}
