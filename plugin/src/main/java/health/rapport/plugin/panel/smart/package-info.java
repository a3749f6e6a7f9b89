/**
 * SMART App Launch 2.2 for the panel: discovery of the configured FHIR server's SMART configuration,
 * the code exchange relayed without a client secret (with the group of a launch for a group, read from
 * the answer's fhirContext by LaunchContext), and the verification of the EHR's id_token.
 *
 * <p>Entry: SmartLaunchServlet (servlet {@code /app/api/smart/*}), SmartEhr. Configuration:
 * health.rapport.app. Internal: nothing here is exported from the bundle.
 */
package health.rapport.plugin.panel.smart;
