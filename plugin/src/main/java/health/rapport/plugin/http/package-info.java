/**
 * The whiteboard servlet context every Rapport endpoint is registered under, and what holds at its
 * door for every endpoint: the request id (in the log lines' MDC and in every error answer), request
 * limits (body size, JSON nesting), the error answers (plain words, a stable Rapport issue code, the
 * request id as correlation id) and the context's error page.
 *
 * <p>Entry: RapportHttpContext, RequestIdFilter, RequestLimits, ErrorPageServlet. Configuration: health.rapport.http,
 * health.rapport.limits. Internal: nothing here is exported from the bundle.
 */
package health.rapport.plugin.http;
