package health.rapport.fhir.testing;

import ca.uhn.fhir.context.FhirContext;

/** The one FhirContext (R4) shared by every test of the content modules, and the constants of the Rapport package. */
public final class RapportFhir {

  /** The canonical base of every Rapport definitional resource; {@code package.json} declares it as {@code canonical}. */
  public static final String CANONICAL_BASE = PackageManifest.load().canonical();
  public static final String PACKAGE_ID = PackageManifest.load().name();
  public static final String VERSION = PackageManifest.load().version();

  public static final String LOINC = "http://loinc.org";
  public static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
  public static final String CONFIDENTIALITY = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality";

  private static final FhirContext CONTEXT = FhirContext.forR4Cached();

  private RapportFhir() {}

  public static FhirContext context() {
    return CONTEXT;
  }
}
