/**
 * The whiteboard servlet context every Rapport endpoint is registered under, and what holds at its
 * door for every endpoint: the request id (in the log lines' MDC and in every error answer), request
 * limits (body size, JSON nesting), the error answers (plain words, a stable Rapport issue code, the
 * request id as correlation id) and the context's error page. Also the one home of what every
 * endpoint shares: the failure type processors throw ({@code OperationFailure}), the one status →
 * issue-code map ({@code RapportIssue.forStatus}), the one OperationOutcome builder
 * ({@code ErrorAnswers}), the one JSON writer with its never-cache header ({@code JsonAnswers}, used by
 * every servlet) and the one base-URL rule ({@code Urls}).
 *
 * <p>Entry: RapportHttpContext, ContextGate (the reference every whiteboard service of Rapport declares,
 * so that none outlives the context), RequestIdFilter, RequestLimits, ErrorPageServlet; for the other packages
 * OperationFailure, JsonAnswers, ErrorAnswers, RapportIssue, Urls. Configuration: health.rapport.http,
 * health.rapport.limits. Internal: nothing here is exported from the bundle.
 */
package health.rapport.plugin.http;
