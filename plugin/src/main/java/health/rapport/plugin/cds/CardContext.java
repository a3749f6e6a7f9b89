package health.rapport.plugin.cds;

import java.time.Instant;

/**
 * What cards of one call need besides the chart.
 *
 * @param now the time of the call
 * @param appLaunchUrl the absolute URL of the SMART app the cards link to
 */
record CardContext(Instant now, String appLaunchUrl) {
}
