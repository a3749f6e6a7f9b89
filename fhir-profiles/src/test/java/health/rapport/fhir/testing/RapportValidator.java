package health.rapport.fhir.testing;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * HAPI's instance validator set up for Rapport content: R4 core definitions, common code systems, in-memory terminology
 * for Rapport's own CodeSystems/ValueSets, snapshot generation for our differential-only profiles, and all Rapport
 * conformance resources (or a FHIR package) as the source of our definitions. External code systems the validator cannot
 * reach offline (LOINC, SNOMED CT, US Core) are reported as warnings; LOINC correctness is checked by our own test
 * against {@code verified-codes.json}.
 *
 * <p>The chain caches through {@link ValidationSupportChain.CacheConfiguration} (HAPI 8 deprecates
 * CachingValidationSupport in favour of the chain's own cache).
 */
public final class RapportValidator {

  private static RapportValidator classpathInstance;

  private final FhirValidator validator;

  private RapportValidator(IValidationSupport definitions) {
    FhirContext ctx = RapportFhir.context();
    UnknownCodeSystemWarningValidationSupport unknownCodeSystems = new UnknownCodeSystemWarningValidationSupport(ctx);
    unknownCodeSystems.setNonExistentCodeSystemSeverity(IValidationSupport.IssueSeverity.WARNING);
    ValidationSupportChain chain = new ValidationSupportChain(
        ValidationSupportChain.CacheConfiguration.defaultValues(),
        new DefaultProfileValidationSupport(ctx),
        definitions,
        new CommonCodeSystemsTerminologyService(ctx),
        new InMemoryTerminologyServerValidationSupport(ctx),
        new SnapshotGeneratingValidationSupport(ctx),
        unknownCodeSystems);
    FhirInstanceValidator module = new FhirInstanceValidator(chain);
    module.setAnyExtensionsAllowed(true);
    module.setErrorForUnknownProfiles(true);
    module.setAssumeValidRestReferences(true);
    validator = ctx.newValidator().registerValidatorModule(module);
  }

  /** The shared validator loaded with every Rapport resource found on the classpath. */
  public static synchronized RapportValidator fromClasspath() {
    if (classpathInstance == null) {
      classpathInstance = new RapportValidator(prePopulated(RapportContent.classpathContent()));
    }
    return classpathInstance;
  }

  /** A validator whose Rapport definitions come from the given support (e.g. an NpmPackageValidationSupport). */
  public static RapportValidator of(IValidationSupport definitions) {
    return new RapportValidator(definitions);
  }

  private static PrePopulatedValidationSupport prePopulated(Collection<ContentFile> files) {
    PrePopulatedValidationSupport support = new PrePopulatedValidationSupport(RapportFhir.context());
    for (ContentFile f : files) {
      support.addResource(f.resource());
    }
    return support;
  }

  public ValidationResult validate(IBaseResource resource) {
    return validator.validateWithResult(resource);
  }

  public static List<SingleValidationMessage> errors(ValidationResult result) {
    List<SingleValidationMessage> out = new ArrayList<>();
    for (SingleValidationMessage m : result.getMessages()) {
      if (m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL) {
        out.add(m);
      }
    }
    return out;
  }

  public static String describe(SingleValidationMessage m) {
    return m.getSeverity() + " " + m.getLocationString() + ": " + m.getMessage();
  }
}
