package health.rapport.plugin.operations;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.rapport.plugin.fhir.JsonNumbers;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Parameters;

/**
 * Holds every operation call to what its OperationDefinition says: the {@code @OperationParam} declarations HAPI
 * generates the OperationDefinitions from are the ones enforced here, before the operation runs. A parameter the
 * operation does not declare, one given more often than its {@code max}, or a required one left out is a 400 that
 * names it; HAPI alone would ignore the first and pass the others on unchecked.
 */
@Interceptor
final class DeclaredParameters {

    private final FhirContext context;
    private final Map<String, Map<String, OperationParam>> declared = new HashMap<>();

    DeclaredParameters(FhirContext context, List<?> providers) {
        this.context = context;
        for (Object provider : providers) {
            for (Method method : provider.getClass().getMethods()) {
                Operation operation = method.getAnnotation(Operation.class);
                if (operation == null || operation.manualRequest()) {
                    continue;
                }
                Map<String, OperationParam> params = new LinkedHashMap<>();
                for (Parameter parameter : method.getParameters()) {
                    OperationParam param = parameter.getAnnotation(OperationParam.class);
                    if (param != null) {
                        params.put(param.name(), param);
                    }
                }
                declared.put(key(typeName(operation), operation.name()), params);
            }
        }
    }

    /**
     * Before HAPI reads a body for any method (it parses an operation's body before
     * {@link Pointcut#SERVER_INCOMING_REQUEST_PRE_HANDLED}): a body its JSON parser would fail on with anything but
     * its own DataFormatException (an empty property name: StringIndexOutOfBoundsException), or would spend
     * minutes on ({@link JsonNumbers}), is a 400 here rather than a 500 or a stuck thread there.
     */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public void readable(RequestDetails request) {
        if (request.getRequestType() != RequestTypeEnum.POST && request.getRequestType() != RequestTypeEnum.PUT) {
            return;
        }
        byte[] body = request.loadRequestContents();
        if (body == null || body.length == 0 || RestfulServerUtils.determineRequestEncodingNoDefault(request) == EncodingEnum.XML) {
            return;
        }
        if (JsonNumbers.hugeExponent(body)) {
            throw new InvalidRequestException("The body holds a number with an exponent beyond ±999.");
        }
        try {
            context.newJsonParser().parseResource(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        } catch (DataFormatException e) {
            // HAPI answers the unreadable body itself (400).
        } catch (RuntimeException e) {
            throw new InvalidRequestException("The body is not a readable FHIR resource.");
        }
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void check(RequestDetails request, RestOperationTypeEnum operationType) {
        if (operationType != RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE
                && operationType != RestOperationTypeEnum.EXTENDED_OPERATION_TYPE
                && operationType != RestOperationTypeEnum.EXTENDED_OPERATION_SERVER) {
            return;
        }
        Map<String, OperationParam> params = declared.get(key(request.getResourceName(), request.getOperation()));
        if (params == null) {
            return;
        }
        Map<String, Integer> given = given(request);
        if (given == null) {
            return;
        }
        String operation = request.getOperation();
        for (Map.Entry<String, Integer> entry : given.entrySet()) {
            OperationParam param = params.get(entry.getKey());
            if (param == null) {
                throw new InvalidRequestException(operation + " has no parameter '" + entry.getKey() + "'; it accepts "
                        + (params.isEmpty() ? "none" : String.join(", ", params.keySet())) + ".");
            }
            if (param.max() != OperationParam.MAX_UNLIMITED && entry.getValue() > param.max()) {
                throw new InvalidRequestException(operation + " accepts '" + entry.getKey() + "' at most "
                        + param.max() + " time(s), not " + entry.getValue() + ".");
            }
        }
        for (OperationParam param : params.values()) {
            if (given.getOrDefault(param.name(), 0) < param.min()) {
                throw new InvalidRequestException(operation + " requires '" + param.name() + "'.");
            }
        }
    }

    /** Parameter name to count; null when the body is not a Parameters resource HAPI will have to refuse itself. */
    private Map<String, Integer> given(RequestDetails request) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        if (request.getRequestType() == RequestTypeEnum.GET) {
            request.getParameters().forEach((name, values) -> {
                if (!name.startsWith("_")) {
                    counts.put(name, values.length);
                }
            });
            return counts;
        }
        byte[] body = request.loadRequestContents();
        if (body == null || body.length == 0) {
            return counts;
        }
        EncodingEnum encoding = RestfulServerUtils.determineRequestEncodingNoDefault(request);
        if (encoding != EncodingEnum.XML && JsonNumbers.hugeExponent(body)) {
            // Refused before HAPI's parser (here, then for the operation) spends minutes on it, whatever the
            // Content-Type said: the door checks only JSON ones.
            throw new InvalidRequestException("The body holds a number with an exponent beyond ±999.");
        }
        try {
            IBaseResource parsed = (encoding == null ? EncodingEnum.JSON : encoding).newParser(context)
                    .parseResource(new String(body, java.nio.charset.StandardCharsets.UTF_8));
            if (!(parsed instanceof Parameters parameters)) {
                return null;
            }
            parameters.getParameter().forEach(p -> counts.merge(p.getName(), 1, Integer::sum));
            return counts;
        } catch (DataFormatException e) {
            return null; // HAPI answers the unreadable body itself.
        } catch (RuntimeException e) {
            // HAPI's parser fails on some malformed bodies without a DataFormatException (an empty JSON
            // property name is a StringIndexOutOfBoundsException), which would be a 500 when HAPI parses
            // the body again for the operation: refuse it here.
            throw new InvalidRequestException("The body is not a readable FHIR resource.");
        }
    }

    private String typeName(Operation operation) {
        if (!operation.typeName().isEmpty()) {
            return operation.typeName();
        }
        Class<? extends IBaseResource> type = operation.type();
        return type == null || type == IBaseResource.class ? null : context.getResourceType(type);
    }

    private static String key(String resourceName, String operation) {
        String name = operation.startsWith("$") ? operation : "$" + operation;
        return (resourceName == null ? "" : resourceName + "/") + name;
    }
}
