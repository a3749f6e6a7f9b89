/**
 * The clinician chart panel (SMART EHR launch), served under {@code <context>/app/}: static pages
 * behind a strict CSP, the chart view ({@code /app/api/chart}) and the security filters that run every
 * panel request with the clinician's own token.
 *
 * <p>Entry: ChartViewServlet (servlet {@code /app/api/chart}), AppSecurityFilter,
 * ClinicianTokenFilter, AppResources. Configuration: health.rapport.app. Internal: nothing here is
 * exported from the bundle.
 */
package health.rapport.plugin.app;
