package health.rapport.plugin.testsupport;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.ChartStoreException;
import health.rapport.plugin.store.CreateOutcome;
import health.rapport.plugin.store.StoreFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.mockito.MockMakers;

/**
 * The FHIR server of the unit tests: a Mockito {@link ChartStore} over a chart held in memory, loaded from a
 * fixture folder of {@code {Type}-{id}.json} files. Reads return copies; searches match the chart with HAPI's
 * own search parameter definitions (token, reference and uri parameters; {@code _summary=count}); transactions
 * are all-or-nothing as on a real server (conditional creates find what is there, If-Match on a stale version
 * is a {@link StoreFailure#CONFLICT} and writes nothing) and every transaction Bundle sent is recorded for the
 * test to compare with its expected output ({@link ExpectedFhir}). A search the fake cannot judge fails the test
 * with the parameter it did not understand; {@link #answer} gives such a search its result by hand.
 */
public final class FakeFhir {

    public static final String BASE = "https://ehr.example.org/fhir";
    private static final FhirContext CONTEXT = FhirContext.forR4Cached();
    /** Result parameters that change the page, not the matches. */
    private static final List<String> RESULT_PARAMETERS = List.of("_count", "_sort", "_elements");

    // A proxy, not Mockito's default inline mock maker: ChartStore is an interface, and attaching the inline
    // maker's agent costs seconds of the fast loop.
    private final ChartStore store = mock(ChartStore.class, withSettings().mockMaker(MockMakers.PROXY));
    private final Map<String, Resource> chart = new LinkedHashMap<>();
    private final List<Bundle> transactions = new ArrayList<>();
    private final List<Map.Entry<String, Function<String, Bundle>>> answers = new ArrayList<>();
    private StoreFailure failure;
    private int failAt;
    private int created;

    private FakeFhir() {
        when(store.baseUrl()).thenReturn(BASE);
        when(store.read(any(), anyString())).thenAnswer(i -> read(i.getArgument(0), i.getArgument(1)));
        when(store.search(anyString())).thenAnswer(i -> search(i.getArgument(0)));
        when(store.nextPage(any())).thenReturn(Optional.empty());
        when(store.transaction(any())).thenAnswer(i -> transaction(i.getArgument(0)));
        when(store.createIfNoneExist(any(), anyString())).thenAnswer(i -> {
            Bundle one = new Bundle().setType(Bundle.BundleType.TRANSACTION);
            Resource resource = i.getArgument(0);
            one.addEntry().setResource(resource).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl(resource.fhirType())
                    .setIfNoneExist(i.getArgument(1));
            Bundle.BundleEntryResponseComponent answer = transaction(one).getEntryFirstRep().getResponse();
            return new CreateOutcome(new org.hl7.fhir.r4.model.IdType(answer.getLocation()), answer.getStatus().startsWith("201"));
        });
    }

    /** An empty chart. */
    public static FakeFhir empty() {
        return new FakeFhir();
    }

    /** The chart of every {@code {Type}-{id}.json} directly in the classpath folder (not its sub-folders). */
    public static FakeFhir of(String folder) {
        FakeFhir fhir = new FakeFhir();
        fixtureFiles(folder).forEach(file -> fhir.add(parse(file)));
        return fhir;
    }

    /** The resources of a fixture folder's {@code {Type}-{id}.json} files, in name order. */
    static List<Path> fixtureFiles(String folder) {
        URL url = FakeFhir.class.getClassLoader().getResource(folder);
        if (url == null) {
            throw new IllegalArgumentException(folder + " is not on the test class path");
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            return files.filter(f -> f.getFileName().toString().matches("[A-Z][A-Za-z]+-[A-Za-z0-9\\-.]+\\.json")).sorted().toList();
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException(folder, e);
        }
    }

    /** A fixture from the test class path, e.g. {@code careplan/advance/CarePlan-c1.json}. */
    public static <T extends Resource> T fixture(String classpathName, Class<T> type) {
        try (InputStream in = FakeFhir.class.getClassLoader().getResourceAsStream(classpathName)) {
            if (in == null) {
                throw new IllegalArgumentException(classpathName + " is not on the test class path");
            }
            return CONTEXT.newJsonParser().parseResource(type, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Resource parse(Path file) {
        try {
            return (Resource) CONTEXT.newJsonParser().parseResource(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ChartStore store() {
        return store;
    }

    /** Puts a resource on the server (a version 1 unless it says otherwise). */
    public FakeFhir add(Resource resource) {
        Resource stored = resource.copy();
        if (!stored.getIdElement().hasIdPart()) {
            throw new IllegalArgumentException(resource.fhirType() + " without an id");
        }
        stored.setId(stored.fhirType() + "/" + stored.getIdElement().getIdPart());
        if (!stored.getMeta().hasVersionId()) {
            stored.getMeta().setVersionId("1");
        }
        chart.put(stored.getIdElement().toUnqualifiedVersionless().getValue(), stored);
        return this;
    }

    /** The server's current copy of {@code Type/id}. */
    public <T extends Resource> T resource(Class<T> type, String id) {
        return read(type, id);
    }

    /** Answers searches starting with {@code prefix} with these resources (the test's own judgement). */
    public FakeFhir answer(String prefix, Resource... found) {
        answers.add(0, Map.entry(prefix, url -> searchset(url.contains("_summary=count"), List.of(found))));
        return this;
    }

    /** The next transaction fails as the server would with {@code failure}, writing nothing. */
    public FakeFhir failNextTransaction(StoreFailure failure) {
        return failTransaction(1, failure);
    }

    /** The {@code nth} transaction from now (1: the next) fails as the server would with {@code failure}, writing nothing. */
    public FakeFhir failTransaction(int nth, StoreFailure failure) {
        this.failure = failure;
        this.failAt = transactions.size() + nth;
        return this;
    }

    /** Every transaction Bundle sent, as sent, in order. */
    public List<Bundle> transactions() {
        return List.copyOf(transactions);
    }

    /** The one transaction the action sent (fails the test otherwise). */
    public Bundle onlyTransaction() {
        if (transactions.size() != 1) {
            throw new AssertionError("expected one transaction, " + transactions.size() + " were sent");
        }
        return transactions.get(0);
    }

    /** The resources of {@code type} a transaction wrote. */
    public static <T extends Resource> List<T> written(Bundle transaction, Class<T> type) {
        return transaction.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(type::isInstance)
                .map(type::cast).toList();
    }

    /** The resources of {@code type} every transaction so far wrote. */
    public <T extends Resource> List<T> written(Class<T> type) {
        return transactions.stream().flatMap(t -> written(t, type).stream()).toList();
    }

    @SuppressWarnings("unchecked")
    private <T extends IBaseResource> T read(Class<T> type, String id) {
        String key = CONTEXT.getResourceType(type) + "/" + id;
        Resource found = chart.get(key);
        if (found == null) {
            throw new ChartStoreException(StoreFailure.NOT_FOUND, 404, key + " is not on the fake FHIR server", null, null);
        }
        return (T) found.copy();
    }

    private Bundle search(String url) {
        for (Map.Entry<String, Function<String, Bundle>> answer : answers) {
            if (url.startsWith(answer.getKey())) {
                return answer.getValue().apply(url);
            }
        }
        return searchset(url.contains("_summary=count"), matches(url, chart));
    }

    private static Bundle searchset(boolean count, List<? extends Resource> found) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(found.size());
        if (!count) {
            found.forEach(r -> bundle.addEntry().setFullUrl(BASE + "/" + r.fhirType() + "/" + r.getIdElement().getIdPart())
                    .setResource(r.copy()).getSearch().setMode(Bundle.SearchEntryMode.MATCH));
        }
        return bundle;
    }

    private static List<Resource> matches(String url, Map<String, Resource> chart) {
        int query = url.indexOf('?');
        String type = query < 0 ? url : url.substring(0, query);
        List<String[]> criteria = new ArrayList<>();
        if (query >= 0) {
            for (String pair : url.substring(query + 1).split("&")) {
                String[] nameValue = pair.split("=", 2);
                String name = nameValue[0];
                if (RESULT_PARAMETERS.contains(name) || "_summary".equals(name) && "count".equals(nameValue[1])) {
                    continue;
                }
                criteria.add(new String[] {name, URLDecoder.decode(nameValue.length > 1 ? nameValue[1] : "", StandardCharsets.UTF_8)});
            }
        }
        return chart.values().stream().filter(r -> r.fhirType().equals(type))
                .filter(r -> criteria.stream().allMatch(c -> matches(r, c[0], c[1], url))).toList();
    }

    /** One search parameter on one resource; a comma separates values any of which may match. */
    private static boolean matches(Resource resource, String name, String value, String url) {
        if ("_tag".equals(name) || "_security".equals(name)) {
            List<Coding> codings = "_tag".equals(name) ? resource.getMeta().getTag() : resource.getMeta().getSecurity();
            return anyValue(value, v -> codings.stream().anyMatch(c -> token(c.getSystem(), c.getCode(), v)));
        }
        if ("_id".equals(name)) {
            return anyValue(value, v -> v.equals(resource.getIdElement().getIdPart()));
        }
        RuntimeSearchParam parameter = CONTEXT.getResourceDefinition(resource).getSearchParam(name);
        if (parameter == null || parameter.getPath() == null || parameter.getPath().isBlank()) {
            throw new AssertionError("The fake FHIR server does not know the parameter '" + name + "' of " + url
                    + "; give this search its answer with FakeFhir.answer(...)");
        }
        // The paths name the type of the referenced resource with resolve(), which needs no server here.
        String path = parameter.getPath().replaceAll("\\.where\\(resolve\\(\\) is [A-Za-z]+\\)", "")
                .replaceAll("\\.where\\([^)]*\\)", "");
        List<Base> values = new ArrayList<>();
        for (String part : path.split("\\|")) {
            String trimmed = part.trim().replaceAll("^\\((.*)\\)$", "$1");
            if (trimmed.startsWith(resource.fhirType() + ".")) {
                values.addAll(values(resource, trimmed.replaceAll(" as [A-Za-z]+$", "")));
            }
        }
        RestSearchParameterTypeEnum kind = parameter.getParamType();
        return anyValue(value, v -> values.stream().anyMatch(b -> switch (kind) {
            case TOKEN -> token(b, v);
            case REFERENCE -> reference(b, v);
            case URI -> b instanceof PrimitiveType<?> p && canonical(p.getValueAsString(), v);
            case STRING -> b instanceof PrimitiveType<?> p && p.getValueAsString() != null
                    && p.getValueAsString().toLowerCase().startsWith(v.toLowerCase());
            default -> throw new AssertionError("The fake FHIR server does not search " + kind + " parameters (" + name
                    + " of " + url + "); give this search its answer with FakeFhir.answer(...)");
        }));
    }

    /** HAPI's terser reads the plain paths of the parameters at once; FHIRPath (seconds to start) only when it cannot. */
    private static List<Base> values(Resource resource, String path) {
        try {
            return CONTEXT.newTerser().getValues(resource, path, Base.class);
        } catch (RuntimeException notPlain) {
            return CONTEXT.newFhirPath().evaluate(resource, path, Base.class);
        }
    }

    private static boolean anyValue(String value, java.util.function.Predicate<String> test) {
        return Stream.of(value.split(",")).anyMatch(test);
    }

    private static boolean token(Base value, String criterion) {
        if (value instanceof Coding c) {
            return token(c.getSystem(), c.getCode(), criterion);
        }
        if (value instanceof CodeableConcept cc) {
            return cc.getCoding().stream().anyMatch(c -> token(c.getSystem(), c.getCode(), criterion));
        }
        if (value instanceof Identifier i) {
            return token(i.getSystem(), i.getValue(), criterion);
        }
        if (value instanceof PrimitiveType<?> p) {
            return criterion.equals(p.getValueAsString());
        }
        return false;
    }

    /** {@code system|code}, {@code system|} (any code of the system), {@code |code} or {@code code}. */
    private static boolean token(String system, String code, String criterion) {
        int bar = criterion.indexOf('|');
        if (bar < 0) {
            return criterion.equals(code);
        }
        String wantedSystem = criterion.substring(0, bar);
        String wantedCode = criterion.substring(bar + 1);
        return (wantedSystem.isEmpty() ? system == null : wantedSystem.equals(system))
                && (wantedCode.isEmpty() || wantedCode.equals(code));
    }

    private static boolean reference(Base value, String criterion) {
        if (value instanceof Reference r && r.hasReference()) {
            String ref = r.getReference();
            return ref.equals(criterion) || ref.endsWith("/" + criterion) || ref.equals(BASE + "/" + criterion);
        }
        if (value instanceof CanonicalType c) {
            return canonical(c.getValue(), criterion);
        }
        return false;
    }

    /** A canonical matches its url with or without the version. */
    private static boolean canonical(String canonical, String criterion) {
        if (canonical == null) {
            return false;
        }
        return canonical.equals(criterion) || canonical.replaceAll("\\|.*$", "").equals(criterion);
    }

    /** All of it, or nothing: every condition is judged on the chart as it was before the transaction. */
    private Bundle transaction(Bundle sent) {
        transactions.add(sent.copy());
        if (failure != null && transactions.size() == failAt) {
            StoreFailure failed = failure;
            failure = null;
            throw new ChartStoreException(failed, failed == StoreFailure.CONFLICT ? 409 : 500,
                    "the fake FHIR server failed the transaction (" + failed + ")", null, null);
        }
        Map<String, Resource> after = new LinkedHashMap<>(chart);
        Map<String, String> placeholders = new HashMap<>();
        Bundle response = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
        List<Resource> stored = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : sent.getEntry()) {
            Resource resource = entry.getResource().copy();
            Bundle.BundleEntryRequestComponent request = entry.getRequest();
            Bundle.BundleEntryResponseComponent answer = response.addEntry().getResponse();
            if (request.getMethod() == Bundle.HTTPVerb.POST) {
                List<Resource> existing = request.hasIfNoneExist()
                        ? matches(resource.fhirType() + "?" + request.getIfNoneExist(), chart) : List.of();
                if (existing.size() > 1) {
                    throw new ChartStoreException(StoreFailure.CONFLICT, 412, "several match " + request.getIfNoneExist(),
                            null, null);
                }
                if (!existing.isEmpty()) {
                    Resource found = existing.get(0);
                    answer.setStatus("200 OK").setLocation(found.fhirType() + "/" + found.getIdElement().getIdPart()
                            + "/_history/" + found.getMeta().getVersionId());
                    placeholders.put(entry.getFullUrl(), found.fhirType() + "/" + found.getIdElement().getIdPart());
                    continue;
                }
                String id = "new-" + (++created);
                resource.setId(resource.fhirType() + "/" + id);
                resource.getMeta().setVersionId("1");
                answer.setStatus("201 Created").setLocation(resource.fhirType() + "/" + id + "/_history/1");
                if (entry.hasFullUrl()) {
                    placeholders.put(entry.getFullUrl(), resource.fhirType() + "/" + id);
                }
            } else if (request.getMethod() == Bundle.HTTPVerb.PUT) {
                String key = request.getUrl();
                Resource current = chart.get(key);
                if (request.hasIfMatch()) {
                    String expected = request.getIfMatch().replaceAll("^W/\"(.*)\"$", "$1");
                    if (current == null || !expected.equals(current.getMeta().getVersionId())) {
                        throw new ChartStoreException(StoreFailure.CONFLICT, 412, key + " is not at version " + expected
                                + " (If-Match)", null, null);
                    }
                }
                int version = current == null ? 1 : Integer.parseInt(current.getMeta().getVersionId()) + 1;
                resource.setId(key);
                resource.getMeta().setVersionId(String.valueOf(version));
                answer.setStatus(current == null ? "201 Created" : "200 OK").setLocation(key + "/_history/" + version);
            } else {
                throw new AssertionError("The fake FHIR server takes POST and PUT in a transaction, not " + request.getMethod());
            }
            stored.add(resource);
        }
        for (Resource resource : stored) {
            for (Reference ref : CONTEXT.newTerser().getAllPopulatedChildElementsOfType(resource, Reference.class)) {
                if (ref.hasReference() && placeholders.containsKey(ref.getReference())) {
                    ref.setReference(placeholders.get(ref.getReference()));
                }
            }
            after.put(resource.getIdElement().toUnqualifiedVersionless().getValue(), resource);
        }
        chart.clear();
        chart.putAll(after);
        return response;
    }
}
