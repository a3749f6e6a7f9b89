/**
 * The clinician chart panel (SMART EHR launch), served under {@code <context>/app/}: static pages
 * behind a strict CSP, the chart view ({@code /app/api/chart}), the clinician's caseload
 * ({@code /app/api/caseload}, a launch without a patient), the view of an IPT group the EHR launched the
 * panel for ({@code /app/api/group}, the Group in the launch's fhirContext) and the filter that authenticates every
 * caller of {@code /fhir} and {@code /app/api} (EHR token introspection) and runs the request with the
 * caller's own token.
 *
 * <p>Entry: ChartViewServlet (servlet {@code /app/api/chart}), CaseloadServlet (servlet
 * {@code /app/api/caseload}), GroupViewServlet (servlet {@code /app/api/group}), AppSecurityFilter,
 * CallerAuthenticationFilter, AppResources. Configuration: health.rapport.app. Internal: nothing here is
 * exported from the bundle.
 */
package health.rapport.plugin.panel;
