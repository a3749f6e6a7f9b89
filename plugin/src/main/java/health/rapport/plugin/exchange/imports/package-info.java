/**
 * {@code $ipt-import}: reads a care-summary document, checks it completely (shape, profiles, privacy,
 * references; every problem in one answer), finds the patient by identifier, places the plan without
 * overwriting a newer local one, and writes everything in one transaction, or nothing. ("imports"
 * because {@code import} is a Java keyword.)
 *
 * <p>Entry: ImportProcessor, DocumentReader (used by {@code operations.ExchangeOperations}).
 * Configuration: none. Internal: nothing here is exported from the bundle.
 */
package health.rapport.plugin.exchange.imports;
