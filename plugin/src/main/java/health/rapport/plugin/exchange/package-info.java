/**
 * Exchange with other systems, the parts export and import share: what counts as a psychotherapy
 * process note (never exported, refused on import) and the identifiers that make an import
 * idempotent. The three stages live in {@code export}, {@code imports} and {@code document}; the
 * operations that call them are {@code operations.ExchangeOperations}.
 *
 * <p>Entry: none (no DS component). Configuration: none. Internal: nothing here is exported from the
 * bundle.
 */
package health.rapport.plugin.exchange;
