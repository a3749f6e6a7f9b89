package health.rapport.plugin.content;

import static org.assertj.core.api.Assertions.assertThat;

import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.panel.forms.FormContent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.junit.jupiter.api.Test;

/** The one rule for naming a code, over the CodeSystems the bundle ships. */
class DisplaysTest {

    private final Displays displays = new Displays(FormContent.library());

    @Test
    void aBareRapportCodeReadsAsItsShippedCodeSystemSaysNotAsItsCodeReworded() {
        assertThat(displays.of(new Coding(Canonicals.CS_PROBLEM_AREA, "role-dispute", null))).isEqualTo("Role dispute");
        // The CodeSystem's own wording, which a reworded code ("Interpersonal deficits") would contradict.
        assertThat(displays.of(new Coding(Canonicals.CS_PROBLEM_AREA, "interpersonal-deficits", null)))
                .isEqualTo("Interpersonal deficits (sensitivity)");
    }

    @Test
    void whatTheRecordSaysComesFirst() {
        assertThat(displays.of(new Coding(Canonicals.CS_PROBLEM_AREA, "grief", "Bereavement"))).isEqualTo("Bereavement");
        CodeableConcept concept = new CodeableConcept(new Coding(Canonicals.CS_PROBLEM_AREA, "grief", null))
                .setText("Complicated grief");
        assertThat(displays.of(concept)).isEqualTo("Complicated grief");
        assertThat(displays.of(new CodeableConcept(new Coding(Canonicals.CS_PROBLEM_AREA, "grief", null)))).isEqualTo("Grief");
    }

    @Test
    void aCodeNoShippedCodeSystemKnowsStaysItsCodeAndNothingIsEmpty() {
        assertThat(displays.of(new Coding("http://snomed.info/sct", "35489007", null))).isEqualTo("35489007");
        assertThat(displays.of(new Coding(Canonicals.CS_PROBLEM_AREA, "no-such-code", null))).isEqualTo("no-such-code");
        assertThat(displays.of((Coding) null)).isEmpty();
        assertThat(displays.of((CodeableConcept) null)).isEmpty();
        assertThat(displays.of(new CodeableConcept())).isEmpty();
    }
}
