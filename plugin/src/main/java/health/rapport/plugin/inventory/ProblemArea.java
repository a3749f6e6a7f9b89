package health.rapport.plugin.inventory;

import java.util.Objects;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;

/**
 * A problem area chosen in the formulation.
 *
 * @param area the ipt-problem-area coding
 * @param disputeStage the role-dispute-stage coding, only for the role-dispute area
 * @param conditionFullUrl the fullUrl of its Condition in the extraction
 */
public record ProblemArea(Coding area, Optional<Coding> disputeStage, String conditionFullUrl) {

    public ProblemArea {
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(disputeStage, "disputeStage");
        Objects.requireNonNull(conditionFullUrl, "conditionFullUrl");
    }

    public String code() {
        return area.getCode();
    }
}
