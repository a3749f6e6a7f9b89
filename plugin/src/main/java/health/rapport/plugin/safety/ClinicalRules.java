package health.rapport.plugin.safety;

import health.rapport.plugin.alliance.AllianceRule;
import health.rapport.plugin.config.CarePlanConfiguration;
import health.rapport.plugin.measures.TreatmentResponseEvaluator;
import java.time.Duration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The site's measurement and safety rules, one configuration for every part of Rapport (the care
 * plan's processing, the CDS cards, the panel and the export), so that they can never disagree.
 * Configured by PID {@value CarePlanConfiguration#PID}; the defaults apply without it.
 */
@Component(service = ClinicalRules.class, configurationPid = CarePlanConfiguration.PID)
@Designate(ocd = CarePlanConfiguration.class)
public final class ClinicalRules {

    private final SafetyRule safety;
    private final TreatmentResponseEvaluator evaluator;
    private final AllianceRule alliance;

    @Activate
    public ClinicalRules(CarePlanConfiguration config) {
        this(config.safetyLookbackDays(), config.nonResponseSession(), new AllianceRule(config.allianceLowScore(),
                config.allianceDrop()));
    }

    public ClinicalRules(int safetyLookbackDays, int nonResponseSession) {
        this(safetyLookbackDays, nonResponseSession, new AllianceRule(AllianceRule.DEFAULT_LOW_SCORE,
                AllianceRule.DEFAULT_DROP));
    }

    public ClinicalRules(int safetyLookbackDays, int nonResponseSession, AllianceRule alliance) {
        this.safety = new SafetyRule(Duration.ofDays(safetyLookbackDays));
        this.evaluator = new TreatmentResponseEvaluator(nonResponseSession);
        this.alliance = alliance;
    }

    /** The defaults, for tests and tools. */
    public static ClinicalRules defaults() {
        return new ClinicalRules(30, TreatmentResponseEvaluator.DEFAULT_NON_RESPONSE_SESSION);
    }

    public AllianceRule alliance() {
        return alliance;
    }

    public SafetyRule safety() {
        return safety;
    }

    public TreatmentResponseEvaluator evaluator() {
        return evaluator;
    }
}
