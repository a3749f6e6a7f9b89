package health.rapport.plugin.operations;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import com.code_intelligence.jazzer.junit.FuzzTest;
import health.rapport.plugin.careplan.CarePlanEngine;
import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.content.ContentLibrary;
import health.rapport.plugin.fhir.JsonNumbers;
import health.rapport.plugin.outcomes.OutcomeMeasures;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.Resource;
import org.mockito.stubbing.Answer;

/**
 * The input handling of every FHIR operation that takes a body ({@code $ipt-enroll}, {@code $apply},
 * {@code $ipt-advance}, {@code $ipt-adapt}, {@code $ipt-process}, {@code $ipt-record-session}, {@code $ipt-create-group}, {@code $ipt-record-group-session}, {@code $ipt-remove-member}, {@code $ipt-change-partner}, the
 * process events' record, amend and withdraw operations, {@code $evaluate-measure}, {@code $populate}, {@code $extract}) on
 * hostile bodies, as the FHIR endpoint runs it: HAPI's parser, {@link DeclaredParameters}, HAPI's binding of
 * each {@code @OperationParam} to its declared type, then the operation method itself, up to the processor it
 * hands the request to (which stops the run there: no FHIR server is involved). {@code $extract}, which calls
 * no FHIR server, runs to its answer, which must encode. Each body must either reach the processor (or answer)
 * or be refused with a 4xx ({@link OperationFailure} or HAPI's own refusal). Any other exception is a finding.
 * Seeds: {@code OperationInputFuzzTestInputs/operationBody/}.
 */
class OperationInputFuzzTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final List<Object> PROVIDERS = List.of(new CarePlanOperations(engine(), library()),
            new QuestionnaireResponseOperations(engine()), new SessionOperations(engine()), new GroupOperations(engine()),
            new ProcessOperations(records()),
            new MeasureOperations(mock(OutcomeMeasures.class, invocation -> {
                throw new Reached();
            })));
    private static final DeclaredParameters DECLARED = new DeclaredParameters(FHIR, PROVIDERS);

    /** Thrown where the operation hands a well-formed request on: its input handling is done. */
    private static final class Reached extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Reached() {
            super(null, null, false, false);
        }
    }

    private static CarePlanEngine engine() {
        Answer<Object> reached = invocation -> {
            throw new Reached();
        };
        return mock(CarePlanEngine.class, invocation -> mock(invocation.getMethod().getReturnType(), reached));
    }

    private static health.rapport.plugin.process.ProcessRecords records() {
        Answer<Object> reached = invocation -> {
            throw new Reached();
        };
        return mock(health.rapport.plugin.process.ProcessRecords.class,
                invocation -> mock(invocation.getMethod().getReturnType(), reached));
    }

    @SuppressWarnings("unchecked")
    private static ContentLibrary library() {
        ContentLibrary library = mock(ContentLibrary.class);
        when(library.byId(any(Class.class), anyString())).thenReturn(Optional.empty());
        when(library.byId(eq(PlanDefinition.class), anyString())).thenAnswer(
                invocation -> Optional.of(new PlanDefinition().setUrl("https://rapport-ipt.org/fhir/PlanDefinition/x")));
        return library;
    }

    @FuzzTest(maxDuration = "4s")
    void operationBody(byte[] body) throws ReflectiveOperationException {
        if (JsonNumbers.hugeExponent(body)) {
            return; // the door's 400 (and DeclaredParameters' for a body that came with another Content-Type)
        }
        IBaseResource parsed;
        try {
            parsed = FHIR.newJsonParser().parseResource(new String(body, StandardCharsets.UTF_8));
        } catch (DataFormatException unreadable) {
            return; // HAPI's 400
        } catch (RuntimeException unreadable) {
            parsed = null; // HAPI's parser failing otherwise: DeclaredParameters must refuse the body first
        }
        for (Object provider : PROVIDERS) {
            for (Method method : provider.getClass().getMethods()) {
                Operation operation = method.getAnnotation(Operation.class);
                if (operation != null) {
                    call(provider, method, operation, body, parsed);
                }
            }
        }
    }

    private static void call(Object provider, Method method, Operation operation, byte[] body, IBaseResource parsed)
            throws ReflectiveOperationException {
        String type = FHIR.getResourceType(operation.type());
        RequestDetails request = mock(RequestDetails.class);
        when(request.getResourceName()).thenReturn(type);
        when(request.getOperation()).thenReturn(operation.name());
        when(request.getRequestType()).thenReturn(RequestTypeEnum.POST);
        when(request.loadRequestContents()).thenReturn(body);
        try {
            DECLARED.readable(request);
            DECLARED.check(request, RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE);
        } catch (BaseServerResponseException refused) {
            fourHundreds(refused.getStatusCode(), operation);
            return;
        }
        if (parsed == null) {
            throw new AssertionError(operation.name() + ": a body HAPI's parser fails on passed DeclaredParameters");
        }
        if (!(parsed instanceof Parameters parameters)) {
            return; // HAPI answers a body that is not Parameters with a 400
        }
        Object[] args = new Object[method.getParameterCount()];
        Parameter[] declared = method.getParameters();
        for (int i = 0; i < declared.length; i++) {
            if (declared[i].isAnnotationPresent(IdParam.class)) {
                args[i] = declared[i].getAnnotation(IdParam.class).optional() ? null : new IdType(type, "p1");
            } else if (declared[i].getType() == RequestDetails.class) {
                args[i] = request;
            } else {
                OperationParam param = declared[i].getAnnotation(OperationParam.class);
                Optional<Object> bound = bind(parameters, param.name(), declared[i]);
                if (bound == null) {
                    return; // HAPI's 400: a value of another type than declared
                }
                args[i] = bound.orElse(null);
            }
        }
        try {
            Object answer = method.invoke(provider, args);
            if (answer instanceof Resource resource) {
                FHIR.newJsonParser().encodeResourceToString(resource);
            }
        } catch (InvocationTargetException e) {
            Throwable thrown = e.getCause();
            if (thrown instanceof Reached) {
                return;
            }
            if (thrown instanceof OperationFailure failure) {
                fourHundreds(failure.status(), operation);
                return;
            }
            if (thrown instanceof BaseServerResponseException refused) {
                fourHundreds(refused.getStatusCode(), operation);
                return;
            }
            throw new AssertionError(operation.name() + " threw " + thrown, thrown);
        }
    }

    /**
     * What HAPI passes for one {@code @OperationParam}: the raw parameter component, its resource or its value when
     * of the declared type (a list for a repeating parameter). Null when HAPI refuses a value of another type.
     */
    private static Optional<Object> bind(Parameters parameters, String name, Parameter declared) {
        List<ParametersParameterComponent> given = parameters.getParameter().stream()
                .filter(p -> name.equals(p.getName())).toList();
        boolean list = List.class.isAssignableFrom(declared.getType());
        Class<?> element = list ? elementType(declared) : declared.getType();
        List<Object> values = new ArrayList<>();
        for (ParametersParameterComponent p : given) {
            Object value = element == ParametersParameterComponent.class ? p
                    : p.getValue() != null ? p.getValue() : p.getResource();
            if (value == null) {
                continue;
            }
            if (!element.isInstance(value)) {
                return null;
            }
            values.add(value);
        }
        if (list) {
            return values.isEmpty() ? Optional.empty() : Optional.of(values);
        }
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    private static Class<?> elementType(Parameter declared) {
        java.lang.reflect.ParameterizedType generic = (java.lang.reflect.ParameterizedType) declared.getParameterizedType();
        return (Class<?>) generic.getActualTypeArguments()[0];
    }

    private static void fourHundreds(int status, Operation operation) {
        if (status < 400 || status > 499) {
            throw new AssertionError(operation.name() + " refused with " + status);
        }
    }
}
