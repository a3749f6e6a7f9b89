package health.rapport.plugin.careplan;

import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.TransactionBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;

/**
 * The Observations Rapport already derived from one QuestionnaireResponse, so that processing an
 * amended version updates them (status {@code amended}) instead of adding a second result for the
 * same assessment. Matched by Rapport's identifier, or, for results written before identifiers were
 * version-free, by Rapport's identifier system and the same code.
 */
final class DerivedResults {

    private final List<Observation> existing;

    private DerivedResults(List<Observation> existing) {
        this.existing = existing;
    }

    /** Every search names the patient: an EHR enforcing patient-scoped tokens only serves compartment searches. */
    static DerivedResults of(ChartStore store, String patientId, String responseId) {
        Bundle found = store.search("Observation?subject=Patient/" + patientId + "&derived-from=QuestionnaireResponse/"
                + responseId + "&_count=100");
        List<Observation> observations = new ArrayList<>();
        found.getEntry().forEach(e -> {
            if (e.getResource() instanceof Observation o) {
                observations.add(o);
            }
        });
        return new DerivedResults(observations);
    }

    static DerivedResults none() {
        return new DerivedResults(List.of());
    }

    /**
     * Adds {@code fresh} to the transaction: a conditional create when nothing was derived before, an
     * If-Match update of the earlier result when its value changed, nothing when it is the same.
     */
    Reference write(TransactionBuilder transaction, Observation fresh) {
        Identifier identifier = fresh.getIdentifierFirstRep();
        Optional<Observation> earlier = match(fresh);
        if (earlier.isEmpty()) {
            return transaction.createUnlessIdentified(fresh, identifier.getSystem(), identifier.getValue());
        }
        Observation old = earlier.get();
        Reference reference = new Reference(old.getIdElement().toUnqualifiedVersionless().getValue());
        if (old.getValue() != null && fresh.getValue() != null && old.getValue().equalsDeep(fresh.getValue())
                && old.getStatus() != Observation.ObservationStatus.ENTEREDINERROR) {
            return reference;
        }
        fresh.setId(old.getIdElement().toUnqualifiedVersionless());
        amends(old, fresh);
        transaction.updateIfMatch(fresh, old.getMeta().getVersionId());
        return reference;
    }

    private Optional<Observation> match(Observation fresh) {
        String value = fresh.getIdentifierFirstRep().getValue();
        Optional<Observation> byIdentifier = existing.stream()
                .filter(o -> o.getIdentifier().stream().anyMatch(i -> Objects.equals(i.getValue(), value)))
                .findFirst();
        if (byIdentifier.isPresent()) {
            return byIdentifier;
        }
        return existing.stream()
                .filter(o -> o.getIdentifier().stream().anyMatch(i -> Canonicals.IDENTIFIER_SYSTEM.equals(i.getSystem())))
                .filter(o -> sameCode(o, fresh))
                .findFirst();
    }

    private static boolean sameCode(Observation a, Observation b) {
        for (Coding x : a.getCode().getCoding()) {
            for (Coding y : b.getCode().getCoding()) {
                if (Objects.equals(x.getSystem(), y.getSystem()) && Objects.equals(x.getCode(), y.getCode())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A result that replaces a final (or already amended) one is itself {@code amended}. */
    static void amends(Observation earlier, Observation fresh) {
        if (earlier.getStatus() == Observation.ObservationStatus.FINAL
                || earlier.getStatus() == Observation.ObservationStatus.AMENDED) {
            fresh.setStatus(Observation.ObservationStatus.AMENDED);
        }
    }
}
