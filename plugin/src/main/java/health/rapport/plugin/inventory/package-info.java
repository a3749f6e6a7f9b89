/**
 * Extraction of the Interpersonal Inventory: relationships, ratings, events, problem areas and focus
 * goals, as SDC definition-based extraction does it.
 *
 * <p>Entry: none (used by careplan). Configuration: none. Internal: nothing here is exported from the
 * bundle.
 */
package health.rapport.plugin.inventory;
