package health.rapport.plugin.exchange.imports;

import health.rapport.plugin.careplan.IptCarePlan;
import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.SearchValues;
import java.util.Date;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Identifier;

/**
 * Decides where an imported plan goes, and refuses one that would overwrite a newer local plan.
 * A patient has one open course (docs/clinical-basis.md; docs/install.md on several hosts): an active imported plan takes that
 * place when it is free; it supersedes a local open course last changed before the document's
 * plan; it is refused (409) when the local course changed after it. A finished plan from
 * elsewhere is filed as history and displaces nothing.
 */
final class PlanGuard {

    private final ChartStore store;

    PlanGuard(ChartStore store) {
        this.store = store;
    }

    PlanPlacement place(String patientId, CarePlan sent, Identifier origin, Date documentDate) {
        if (origin != null && count("CarePlan?identifier=" + SearchValues.encode(origin.getSystem() + "|" + origin.getValue())) > 0) {
            return new PlanPlacement(true, false, Optional.empty(), 0);
        }
        int number = count("CarePlan?subject=Patient/" + patientId + "&identifier="
                + SearchValues.encode(Canonicals.IDENTIFIER_COURSE + "|")) + 1;
        if (!IptCarePlan.of(sent).open()) {
            return new PlanPlacement(false, false, Optional.empty(), number);
        }
        Optional<CarePlan> local = store.search("CarePlan?identifier=" + SearchValues.encode(Canonicals.IDENTIFIER_OPEN_COURSE
                + "|" + patientId)).getEntry().stream().map(e -> (CarePlan) e.getResource()).findFirst();
        if (local.isEmpty()) {
            return new PlanPlacement(false, true, Optional.empty(), number);
        }
        Date sentAt = sent.getMeta().getLastUpdated() != null ? sent.getMeta().getLastUpdated() : documentDate;
        Date localAt = local.get().getMeta().getLastUpdated();
        if (sentAt == null || localAt == null || !localAt.before(sentAt)) {
            throw OperationFailure.conflict("The patient's local IPT plan CarePlan/" + local.get().getIdElement().getIdPart()
                    + " was last changed " + (localAt == null ? "at an unknown time" : localAt.toInstant())
                    + ", after the plan in this document (" + (sentAt == null ? "undated" : sentAt.toInstant())
                    + "): importing it would overwrite a newer local plan. Nothing was written.");
        }
        return new PlanPlacement(false, true, local, number);
    }

    private int count(String search) {
        Bundle found = store.search(search + "&_summary=count");
        return found.getTotal();
    }
}
