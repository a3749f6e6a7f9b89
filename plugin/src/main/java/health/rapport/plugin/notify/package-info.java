/**
 * The Subscription rest-hook receiver ({@code <context>/notify}, shared secret), its bounded queue and
 * the reconciliation that processes responses saved while Rapport was away.
 *
 * <p>Entry: NotifyReceiver, NotifyServlet (servlet {@code /notify}). Configuration:
 * health.rapport.notify. Internal: nothing here is exported from the bundle.
 */
package health.rapport.plugin.notify;
