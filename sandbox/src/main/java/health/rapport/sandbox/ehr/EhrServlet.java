package health.rapport.sandbox.ehr;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import com.fasterxml.jackson.databind.JsonNode;
import health.rapport.sandbox.fhir.RecordClients;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;

/**
 * The sandbox's own small EHR at {@code /ehr/}: a patient list, a chart page that calls Rapport's
 * CDS service (signed JWT) and shows its cards, and SMART EHR launches of the cards' apps (and of
 * the panel) with this patient as launch context; launches without a patient for a clinician's
 * caseload and for a group (the group in {@code fhirContext}). Also the JWKS of the CDS signing key.
 */
public final class EhrServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private final transient SandboxEhr ehr;
    private final transient FhirContext fhir;
    private final transient CdsClient cds;

    public EhrServlet(SandboxEhr ehr, FhirContext fhir) {
        this.ehr = ehr;
        this.fhir = fhir;
        this.cds = new CdsClient(ehr);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        if (path.equals("/jwks.json")) {
            response.setContentType("application/json");
            response.getOutputStream().write(ehr.jwks().toString()
                    .getBytes(StandardCharsets.UTF_8));
        } else if (path.equals("/ehr.css")) {
            response.setContentType("text/css");
            try (InputStream css = EhrServlet.class.getResourceAsStream("ehr.css")) {
                css.transferTo(response.getOutputStream());
            }
        } else if (path.equals("/")) {
            patientList(response);
        } else if (path.startsWith("/patient/") && FHIR_ID.matcher(path.substring(9)).matches()) {
            chart(path.substring(9), response);
        } else if (path.equals("/launch")) {
            launch(request, response);
        } else {
            Pages.send(response, 404, "Not found", "<p>No such page.</p>");
        }
    }

    private IGenericClient record() {
        return RecordClients.current(fhir, ehr.fhirBase());
    }

    private void patientList(HttpServletResponse response) throws IOException {
        Bundle patients = record().search().forResource(Patient.class).count(200).sort().ascending("family")
                .returnBundle(Bundle.class).execute();
        String rows = patients.getEntry().stream().map(e -> (Patient) e.getResource())
                .map(p -> "<li><a href=\"/ehr/patient/" + Pages.escape(p.getIdElement().getIdPart()) + "\">"
                        + Pages.escape(name(p)) + "</a> <span class=\"muted\">" + Pages.escape(p.hasBirthDate()
                        ? "born " + p.getBirthDateElement().getValueAsString() : "") + "</span></li>")
                .collect(Collectors.joining());
        Bundle clinicians = record().search().forResource(Practitioner.class).count(50)
                .returnBundle(Bundle.class).execute();
        String caseloads = clinicians.getEntry().stream().map(e -> (Practitioner) e.getResource())
                .map(p -> "<li><a class=\"caseload\" href=\"/ehr/launch?practitioner="
                        + Pages.escape(p.getIdElement().getIdPart()) + "\">" + Pages.escape(name(p)) + "</a></li>")
                .collect(Collectors.joining());
        // The newest groups first: the ones a clinician is running now.
        Bundle groups = record().search().forResource(Group.class).count(50).sort().descending("_lastUpdated")
                .returnBundle(Bundle.class).execute();
        String groupRows = groups.getEntry().stream().map(e -> (Group) e.getResource())
                .map(g -> "<li>" + Pages.escape(g.hasName() ? g.getName() : "Group/" + g.getIdElement().getIdPart())
                        + " <a class=\"group-launch\" href=\"/ehr/launch?group=" + Pages.escape(g.getIdElement().getIdPart())
                        + "\">Open in Rapport</a></li>")
                .collect(Collectors.joining());
        Pages.send(response, 200, "Patients", "<h1>Patients</h1><ul class=\"patients\" id=\"patients\">"
                + (rows.isEmpty() ? "<li>No patients yet: start the sandbox with --seed.</li>" : rows) + "</ul>"
                + "<h2>Caseloads</h2><p class=\"muted\">Sign in as a clinician and open Rapport's caseload "
                + "(a SMART launch without a patient).</p><ul class=\"patients\" id=\"caseloads\">" + caseloads + "</ul>"
                + "<h2>Groups</h2><p class=\"muted\">Sign in as the group's clinician and open Rapport for the group "
                + "(a SMART launch without a patient, the group in its context).</p><ul class=\"patients\" id=\"groups\">"
                + (groupRows.isEmpty() ? "<li>No groups yet.</li>" : groupRows) + "</ul>");
    }

    private void chart(String id, HttpServletResponse response) throws IOException {
        Patient patient;
        try {
            patient = record().read().resource(Patient.class).withId(id).execute();
        } catch (ResourceNotFoundException e) {
            Pages.send(response, 404, "Unknown patient", "<p>The record has no patient " + Pages.escape(id) + ".</p>");
            return;
        }
        StringBuilder body = new StringBuilder();
        body.append("<h1 id=\"chart-patient\">").append(Pages.escape(name(patient))).append("</h1>")
                .append("<p class=\"muted\">Patient/").append(Pages.escape(id)).append("</p>")
                .append("<p><a class=\"button\" id=\"open-rapport\" href=\"").append(launchLink(id, null))
                .append("\">Open Rapport (IPT)</a></p><h2>Decision support</h2>");
        if (ehr.rapportUrl() == null) {
            body.append("<p class=\"muted\">Rapport is not running yet.</p>");
        } else {
            try {
                body.append(cards(id, cds.patientView(id)));
            } catch (IOException e) {
                body.append("<p class=\"card warning\" id=\"cds-error\">Rapport's CDS service gave no cards: ")
                        .append(Pages.escape(e.getMessage())).append("</p>");
            }
        }
        Pages.send(response, 200, name(patient), body.toString());
    }

    private String cards(String patient, JsonNode cards) {
        if (cards.isEmpty()) {
            return "<p class=\"muted\" id=\"no-cards\">No cards.</p>";
        }
        StringBuilder out = new StringBuilder("<ol class=\"cards\" id=\"cards\">");
        for (JsonNode card : cards) {
            String indicator = card.path("indicator").asText("info");
            out.append("<li class=\"card ").append(Pages.escape(indicator)).append("\" data-indicator=\"")
                    .append(Pages.escape(indicator)).append("\"><h3>").append(Pages.escape(card.path("summary").asText()))
                    .append("</h3><p class=\"detail\">").append(Pages.escape(card.path("detail").asText()))
                    .append("</p><p class=\"muted\">").append(Pages.escape(card.path("source").path("label").asText()))
                    .append("</p>");
            for (JsonNode link : card.path("links")) {
                String url = link.path("url").asText();
                String href = "smart".equals(link.path("type").asText()) ? launchLink(patient, url)
                        : url.startsWith("https://") || url.startsWith("http://") ? Pages.escape(url) : null;
                if (href != null) {
                    out.append("<a class=\"button card-link\" href=\"").append(href).append("\">")
                            .append(Pages.escape(link.path("label").asText())).append("</a> ");
                }
            }
            out.append("</li>");
        }
        return out.append("</ol>").toString();
    }

    private static String launchLink(String patient, String app) {
        return "/ehr/launch?patient=" + URLEncoder.encode(patient, StandardCharsets.UTF_8)
                + (app == null ? "" : "&amp;app=" + URLEncoder.encode(app, StandardCharsets.UTF_8));
    }

    /** Opens a launch context and sends the browser to the app with iss and launch. */
    private void launch(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String patient = request.getParameter("patient");
        String app = request.getParameter("app");
        String rapport = ehr.rapportUrl();
        if (rapport == null) {
            Pages.send(response, 503, "Not ready", "<p>Rapport is not running yet.</p>");
            return;
        }
        String clinician = request.getParameter("practitioner");
        String group = request.getParameter("group");
        if (patient == null && group != null) {
            groupLaunch(group, clinician, rapport, response);
            return;
        }
        if (patient == null && clinician != null) {
            // A launch without a patient: the clinician signs in to their caseload.
            if (!FHIR_ID.matcher(clinician).matches()) {
                Pages.send(response, 400, "Launch refused", "<p>No such clinician.</p>");
                return;
            }
            redirect(response, rapport + "/app/launch?view=caseload", ehr.authorizer().launch(null, "Practitioner/" + clinician));
            return;
        }
        if (app == null || app.isEmpty()) {
            app = rapport + "/app/launch";
        }
        // Only Rapport's apps are launched: a card cannot send the clinician's launch anywhere else.
        if (patient == null || !FHIR_ID.matcher(patient).matches() || !app.startsWith(rapport + "/")) {
            Pages.send(response, 400, "Launch refused", "<p>This EHR launches Rapport's apps only, for a patient.</p>");
            return;
        }
        redirect(response, app, ehr.authorizer().launch(patient, SandboxEhr.PRACTITIONER));
    }

    /**
     * A launch for a group: the group's clinician (its managing entity, unless {@code clinician} names the
     * one signed in) opens Rapport with the group as context; their token reaches what their care
     * relationships give them, the EHR's rule for every clinician's token.
     */
    private void groupLaunch(String groupId, String clinician, String rapport, HttpServletResponse response)
            throws IOException {
        if (!FHIR_ID.matcher(groupId).matches() || (clinician != null && !FHIR_ID.matcher(clinician).matches())) {
            Pages.send(response, 400, "Launch refused", "<p>No such group or clinician.</p>");
            return;
        }
        Group group;
        try {
            group = record().read().resource(Group.class).withId(groupId).execute();
        } catch (ResourceNotFoundException e) {
            Pages.send(response, 404, "Unknown group", "<p>The record has no group " + Pages.escape(groupId) + ".</p>");
            return;
        }
        org.hl7.fhir.instance.model.api.IIdType lead = group.getManagingEntity().getReferenceElement();
        String practitioner = clinician != null ? "Practitioner/" + clinician
                : "Practitioner".equals(lead.getResourceType()) && lead.hasIdPart() ? "Practitioner/" + lead.getIdPart() : null;
        if (practitioner == null) {
            Pages.send(response, 400, "Launch refused", "<p>This group has no clinician to sign in as.</p>");
            return;
        }
        redirect(response, rapport + "/app/launch?view=group", ehr.authorizer().launchForGroup(groupId, practitioner));
    }

    private void redirect(HttpServletResponse response, String app, String launch) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        response.sendRedirect(app + (app.contains("?") ? "&" : "?") + "iss="
                + URLEncoder.encode(ehr.fhirBase(), StandardCharsets.UTF_8) + "&launch=" + launch);
    }

    private static String name(Practitioner p) {
        HumanName n = p.getNameFirstRep();
        String text = (String.join(" ", n.getPrefix().stream().map(x -> x.getValue()).toList()) + " "
                + n.getGiven().stream().map(g -> g.getValue()).collect(Collectors.joining(" ")) + " "
                + (n.hasFamily() ? n.getFamily() : "")).trim().replaceAll("\\s+", " ");
        return text.isEmpty() ? "Practitioner/" + p.getIdElement().getIdPart() : text;
    }

    private static String name(Patient p) {
        if (p.getName().isEmpty()) {
            return "Unnamed patient";
        }
        HumanName n = p.getNameFirstRep();
        if (n.hasText()) {
            return n.getText();
        }
        return (n.getGiven().stream().map(g -> g.getValue()).collect(Collectors.joining(" ")) + " "
                + (n.hasFamily() ? n.getFamily() : "")).trim();
    }
}
