package health.rapport.plugin.exchange.imports;

import java.util.List;
import org.hl7.fhir.r4.model.Bundle;

/**
 * One kind of structural check the bundle can afford at run time (HAPI's full validator is too
 * large to embed). Each check adds every problem it finds; none stops at the first.
 */
interface DocumentCheck {

    void check(Bundle document, DocumentIndex index, List<Problem> problems);

    static String at(int entry) {
        return "Bundle.entry[" + entry + "].resource";
    }
}
