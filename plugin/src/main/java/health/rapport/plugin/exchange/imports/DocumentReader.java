package health.rapport.plugin.exchange.imports;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.EncodingEnum;
import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.fhir.JsonNumbers;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;

/**
 * Reads the body of {@code $ipt-import}: the document Bundle itself, or Parameters whose
 * {@code document} parameter holds it. Anything else is a 400 naming what came instead.
 */
public final class DocumentReader {

    private final FhirContext context;

    public DocumentReader(FhirContext context) {
        this.context = context;
    }

    public Bundle read(byte[] body) {
        if (body == null || body.length == 0) {
            throw OperationFailure.invalid("POST the document Bundle, or Parameters with a 'document' parameter.");
        }
        String text = new String(body, StandardCharsets.UTF_8);
        EncodingEnum encoding = EncodingEnum.detectEncodingNoDefault(text);
        if (encoding == null) {
            throw OperationFailure.invalid("The body is neither FHIR JSON nor FHIR XML.");
        }
        if (encoding == EncodingEnum.JSON && JsonNumbers.hugeExponent(body)) {
            // Whatever the Content-Type said (the door checks only JSON ones): HAPI would spend minutes on it.
            throw OperationFailure.invalid("The body holds a number with an exponent beyond ±999.");
        }
        IBaseResource resource;
        try {
            resource = encoding.newParser(context).parseResource(text);
        } catch (DataFormatException e) {
            // HAPI's words without its message codes, and none that name Java internals (an answer names neither).
            String detail = String.valueOf(e.getMessage()).replaceAll("HAPI-\\d+: ", "");
            boolean internal = detail.matches("(?s).*(Exception|java\\.|ca\\.uhn|\\bat [\\w.$]+\\().*");
            throw OperationFailure.invalid("The body is not a readable FHIR resource" + (internal ? "." : ": " + detail));
        } catch (RuntimeException e) {
            // HAPI's parser fails on some malformed bodies without saying so (an empty JSON property name
            // is a StringIndexOutOfBoundsException): still the sender's error, not a 500.
            throw OperationFailure.invalid("The body is not a readable FHIR resource.");
        }
        if (resource instanceof Bundle bundle) {
            return bundle;
        }
        if (resource instanceof Parameters parameters) {
            // Not Parameters.getParameter(name): it throws on a parameter without a name.
            Parameters.ParametersParameterComponent document = parameters.getParameter().stream()
                    .filter(p -> "document".equals(p.getName())).findFirst().orElse(null);
            if (document != null && document.getResource() instanceof Bundle bundle) {
                return bundle;
            }
            throw OperationFailure.invalid("The Parameters have no 'document' parameter holding a Bundle.");
        }
        throw OperationFailure.invalid("Expected a document Bundle, got " + resource.fhirType() + ".");
    }
}
