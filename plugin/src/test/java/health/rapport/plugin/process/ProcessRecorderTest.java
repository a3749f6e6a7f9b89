package health.rapport.plugin.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.rapport.plugin.panel.forms.FormContent;
import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.fhir.PrivacyLabels;
import health.rapport.plugin.measures.Fixtures;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.ChartStoreException;
import health.rapport.plugin.store.StoreFailure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

class ProcessRecorderTest {

    private static final IParser JSON = FhirContext.forR4Cached().newJsonParser().setPrettyPrint(true);
    private static final Instant NOW = Instant.parse("2026-04-06T10:00:00Z");
    private static final Reference CLINICIAN = new Reference("Practitioner/t1");

    private final ChartStore store = mock(ChartStore.class);
    private final ProcessRecorder recorder = new ProcessRecorder(store, FormContent.library(), "0.1.0",
            Clock.fixed(NOW, ZoneOffset.UTC));

    ProcessRecorderTest() {
        when(store.read(eq(Encounter.class), eq("session-6"))).thenReturn(fixture(Encounter.class, "Encounter-session-6.json"));
        when(store.read(eq(Encounter.class), eq("cancelled"))).thenReturn(fixture(Encounter.class, "Encounter-cancelled.json"));
        when(store.read(eq(Encounter.class), eq("group"))).thenReturn(fixture(Encounter.class, "Encounter-group.json"));
        when(store.read(eq(Encounter.class), eq("missing")))
                .thenThrow(new ChartStoreException(StoreFailure.NOT_FOUND, 404, "gone", null, null));
    }

    @Test
    void aRuptureIsOneLabelledObservationAndItsProvenanceInOneTransaction() throws IOException {
        List<Resource> written = recordAndCapture(() -> recorder.recordRupture("session-6", rupture("withdrawal",
                "partly-resolved", "explore-rupture-experience", "acknowledge-own-contribution"), CLINICIAN, Optional.empty()), "Observation");

        Observation event = (Observation) written.get(0);
        assertThat(PrivacyLabels.isProcessNote(event)).isTrue();
        assertThat(json(event)).isEqualTo(expected("Observation-expected-rupture.json"));
        Provenance provenance = (Provenance) written.get(1);
        assertThat(provenance.getAgentFirstRep().getWho().getReference()).isEqualTo("Practitioner/t1");
        assertThat(provenance.getReasonFirstRep().getText()).doesNotContain("silent");
        Fixtures.assertValid(event);
    }

    @Test
    void aProcessNoteIsALabelledDocumentReferenceOnTheSession() {
        List<Resource> written = recordAndCapture(() -> recorder.writeNote("session-6",
                "  I noticed I was hurrying her.  ", CLINICIAN, Optional.empty()), "DocumentReference");

        DocumentReference note = (DocumentReference) written.get(0);
        assertThat(PrivacyLabels.isProcessNote(note)).isTrue();
        assertThat(ProcessNoteDocument.text(note)).isEqualTo("I noticed I was hurrying her.");
        assertThat(note.getContext().getEncounterFirstRep().getReference()).isEqualTo("Encounter/session-6");
        assertThat(note.getSubject().getReference()).isEqualTo("Patient/p1");
        assertThat(note.getMeta().hasProfile(Canonicals.PROFILE_PROCESS_NOTE)).isTrue();
        assertThat(written.get(1)).isInstanceOf(Provenance.class);
        Fixtures.assertValid(note);
    }

    @Test
    void aRequestIdMakesARetryFindWhatTheFirstRequestRecorded() {
        List<Resource> written = recordAndCapture(() -> recorder.writeNote("session-6", "Noted.", CLINICIAN,
                Optional.of("5f0c1b9e-7a43-4c1e-9a57-0d6c8f2b8e11")), "DocumentReference");

        DocumentReference note = (DocumentReference) written.get(0);
        String key = "process-event/session-6/5f0c1b9e-7a43-4c1e-9a57-0d6c8f2b8e11";
        assertThat(note.getIdentifierFirstRep().getValue()).isEqualTo(key);
        assertThat(((Provenance) written.get(1)).getMeta().getTag()).anyMatch(t -> key.equals(t.getCode()));
        assertRefused(() -> recorder.writeNote("session-6", "Noted.", CLINICIAN, Optional.of("not an id")), 400,
                "requestId");
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsWritten() {
        assertRefused(() -> recorder.recordRupture("session-6", rupture("sulking", "resolved"), CLINICIAN, Optional.empty()), 400, "marker");
        assertRefused(() -> recorder.recordRupture("session-6", rupture("withdrawal", null), CLINICIAN, Optional.empty()), 400, "resolution");
        assertRefused(() -> recorder.recordRupture("session-6", rupture("withdrawal", "resolved", "hypnosis"), CLINICIAN, Optional.empty()),
                400, "strategy");
        assertRefused(() -> recorder.recordRupture("session-6", new RuptureRecord(code(Canonicals.CS_RUPTURE_MARKER,
                "withdrawal"), List.of(), code(Canonicals.CS_RUPTURE_RESOLUTION, "resolved"),
                Optional.of(Date.from(NOW.plusSeconds(86_400))), Optional.empty()), CLINICIAN, Optional.empty()), 400, "future");
        assertRefused(() -> recorder.recordRupture("missing", rupture("withdrawal", "resolved"), CLINICIAN, Optional.empty()), 404,
                "Encounter/missing");
        assertRefused(() -> recorder.recordRupture("cancelled", rupture("confrontation", "resolved"), CLINICIAN, Optional.empty()), 422,
                "cancelled");
        assertRefused(() -> recorder.writeNote("group", "text", CLINICIAN, Optional.empty()), 422, "Patient");
        assertRefused(() -> recorder.writeNote("session-6", "   ", CLINICIAN, Optional.empty()), 400, "text");
        assertRefused(() -> recorder.writeNote("session-6", "x".repeat(ProcessRecorder.MAX_TEXT + 1), CLINICIAN, Optional.empty()), 400,
                "longer");
        assertRefused(() -> recorder.writeNote("../Patient", "text", CLINICIAN, Optional.empty()), 400, "FHIR id");
        verify(store, never()).transaction(any());
    }

    @Test
    void refusalsNeverRepeatWhatTheClinicianWrote() {
        String secret = "she reminds me of my sister";
        assertThatThrownBy(() -> recorder.recordRupture("cancelled", new RuptureRecord(code(Canonicals.CS_RUPTURE_MARKER,
                "withdrawal"), List.of(), code(Canonicals.CS_RUPTURE_RESOLUTION, "resolved"), Optional.empty(),
                Optional.of(secret)), CLINICIAN, Optional.empty())).isInstanceOf(OperationFailure.class).hasMessageNotContaining(secret);
        assertThatThrownBy(() -> recorder.writeNote("missing", secret, CLINICIAN, Optional.empty()))
                .isInstanceOf(OperationFailure.class).hasMessageNotContaining(secret);
    }

    @Test
    void aCorrectionIsANewAmendedVersionUnderIfMatchThatKeepsTheLabelAndTheSession() {
        Observation recorded = stored(recordAndCapture(() -> recorder.recordRupture("session-6", rupture("withdrawal",
                "unresolved"), CLINICIAN, Optional.empty()), "Observation"));
        List<Bundle> sent = captureUpdates(Observation.class, recorded);

        recorder.amendRupture("42", rupture("confrontation", "resolved", "clarify-misunderstanding"), CLINICIAN, "3");

        Bundle transaction = sent.get(0);
        assertThat(transaction.getEntry()).hasSize(2);
        assertThat(transaction.getEntry().get(0).getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.PUT);
        assertThat(transaction.getEntry().get(0).getRequest().getIfMatch()).isEqualTo("W/\"3\"");
        Observation amended = (Observation) transaction.getEntry().get(0).getResource();
        assertThat(amended.getStatus()).isEqualTo(Observation.ObservationStatus.AMENDED);
        assertThat(amended.getEncounter().getReference()).isEqualTo("Encounter/session-6");
        assertThat(amended.getIdentifier()).isEqualTo(recorded.getIdentifier());
        assertThat(PrivacyLabels.isProcessNote(amended)).isTrue();
        assertThat(amended.getComponent()).extracting(c -> ((org.hl7.fhir.r4.model.CodeableConcept) c.getValue())
                .getCodingFirstRep().getCode()).containsExactly("confrontation", "clarify-misunderstanding", "resolved");
        Provenance provenance = (Provenance) transaction.getEntry().get(1).getResource();
        assertThat(provenance.getActivity().getCodingFirstRep().getCode()).isEqualTo("UPDATE");
        assertThat(provenance.getTargetFirstRep().getReference()).isEqualTo("Observation/42");
        Fixtures.assertValid(amended);
    }

    @Test
    void aWithdrawalIsEnteredInErrorAndKeepsTheLabelEvenIfAnotherSystemDroppedIt() {
        DocumentReference recorded = stored(recordAndCapture(() -> recorder.writeNote("session-6", "A note.", CLINICIAN,
                Optional.empty()), "DocumentReference"));
        recorded.getMeta().getSecurity().removeIf(c -> "PSYTHPN".equals(c.getCode()));
        List<Bundle> sent = captureUpdates(DocumentReference.class, recorded);

        recorder.withdraw(DocumentReference.class, "42", CLINICIAN, null);

        DocumentReference withdrawn = (DocumentReference) sent.get(0).getEntryFirstRep().getResource();
        assertThat(withdrawn.getStatus()).isEqualTo(org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus.ENTEREDINERROR);
        assertThat(PrivacyLabels.isProcessNote(withdrawn)).isTrue();
        assertThat(ProcessNoteDocument.text(withdrawn)).isEqualTo("A note.");
    }

    @Test
    void aStaleVersionAWithdrawnEventOrAnotherResourceIsRefusedBeforeAnythingIsWritten() {
        Observation recorded = stored(recordAndCapture(() -> recorder.recordRupture("session-6", rupture("withdrawal",
                "unresolved"), CLINICIAN, Optional.empty()), "Observation"));
        List<Bundle> sent = captureUpdates(Observation.class, recorded);
        assertRefused(() -> recorder.amendRupture("42", rupture("withdrawal", "resolved"), CLINICIAN, "2"), 409,
                "has changed since version 2");
        assertRefused(() -> recorder.amendRupture("42", rupture("sulking", "resolved"), CLINICIAN, null), 400, "marker");
        recorded.setStatus(Observation.ObservationStatus.ENTEREDINERROR);
        assertRefused(() -> recorder.withdraw(Observation.class, "42", CLINICIAN, null), 422, "was withdrawn");
        Observation weight = new Observation().setStatus(Observation.ObservationStatus.FINAL);
        weight.setId("weight");
        weight.getCode().addCoding(new Coding("http://loinc.org", "29463-7", "Body weight"));
        when(store.read(eq(Observation.class), eq("weight"))).thenReturn(weight);
        assertRefused(() -> recorder.withdraw(Observation.class, "weight", CLINICIAN, null), 422,
                "not a rupture or process note");
        assertThat(sent).isEmpty();
    }

    /** What the server holds after the first write: the written event, as id 42 at version 3. */
    @SuppressWarnings("unchecked")
    private <T extends Resource> T stored(List<Resource> written) {
        T event = (T) written.get(0).copy();
        event.setId(event.fhirType() + "/42/_history/3");
        event.getMeta().setVersionId("3");
        return event;
    }

    /** The transactions sent from now on; reads of id 42 answer {@code current}. */
    private <T extends Resource> List<Bundle> captureUpdates(Class<T> type, T current) {
        List<Bundle> sent = new java.util.ArrayList<>();
        when(store.read(eq(type), eq("42"))).thenAnswer(i -> sent.isEmpty() ? current
                : sent.get(0).getEntryFirstRep().getResource());
        when(store.transaction(any())).thenAnswer(i -> {
            sent.add(i.getArgument(0));
            return new Bundle();
        });
        return sent;
    }

    private List<Resource> recordAndCapture(Runnable work, String type) {
        List<Bundle> sent = new java.util.ArrayList<>();
        Bundle response = new Bundle();
        response.addEntry().getResponse().setStatus("201 Created").setLocation(type + "/42/_history/1");
        response.addEntry().getResponse().setStatus("201 Created").setLocation("Provenance/43/_history/1");
        // The server answers with what it stored: the first entry of the one transaction.
        when(store.transaction(any())).thenAnswer(i -> {
            sent.add(i.getArgument(0));
            return response;
        });
        when(store.read(eq(Observation.class), eq("42"))).thenAnswer(i -> sent.get(0).getEntryFirstRep().getResource());
        when(store.read(eq(DocumentReference.class), eq("42"))).thenAnswer(i -> sent.get(0).getEntryFirstRep().getResource());
        work.run();
        assertThat(sent).hasSize(1);
        Bundle transaction = sent.get(0);
        assertThat(transaction.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
        assertThat(transaction.getEntry()).hasSize(2);
        assertThat(transaction.getEntry()).allMatch(e -> e.getRequest().hasIfNoneExist());
        return transaction.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).toList();
    }

    private static void assertRefused(Runnable work, int status, String words) {
        assertThatThrownBy(work::run).isInstanceOfSatisfying(OperationFailure.class, f -> {
            assertThat(f.status()).isEqualTo(status);
            assertThat(f.getMessage()).contains(words);
        });
    }

    private static RuptureRecord rupture(String marker, String resolution, String... strategies) {
        return new RuptureRecord(code(Canonicals.CS_RUPTURE_MARKER, marker),
                java.util.Arrays.stream(strategies).map(s -> code(Canonicals.CS_REPAIR_STRATEGY, s)).toList(),
                resolution == null ? null : code(Canonicals.CS_RUPTURE_RESOLUTION, resolution), Optional.empty(),
                Optional.of("Fell silent when the role play was proposed."));
    }

    private static Coding code(String system, String code) {
        return new Coding(system, code, null);
    }

    /** The resource as JSON, without the write's random key (checked by the transaction's condition). */
    private static ObjectNode json(Resource resource) throws IOException {
        ObjectNode node = (ObjectNode) new ObjectMapper().readTree(JSON.encodeResourceToString(resource));
        ((ObjectNode) node.withArray("identifier").get(0)).remove("value");
        return node;
    }

    private static ObjectNode expected(String name) throws IOException {
        try (InputStream in = ProcessRecorderTest.class.getResourceAsStream("/process/" + name)) {
            return (ObjectNode) new ObjectMapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static <T extends Resource> T fixture(Class<T> type, String name) {
        try (InputStream in = ProcessRecorderTest.class.getResourceAsStream("/process/" + name)) {
            return JSON.parseResource(type, in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
