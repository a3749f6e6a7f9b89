package health.rapport.sandbox.seed;

import java.util.List;

/**
 * One demo patient: where the course stands and how it got there. Every step goes through
 * Rapport's own operations, as a clinician's actions would.
 *
 * @param key          scenario name (identifier value of the patient)
 * @param given        given name (synthetic)
 * @param family       family name (synthetic)
 * @param gender       administrative gender
 * @param birthYear    year of birth
 * @param enrol        whether to enrol in the acute course (the group's members are enrolled in the group by
 *                     {@link FormatSeed})
 * @param problemArea  problem area chosen in the Inventory, or null (no Inventory)
 * @param disputeStage role-dispute stage, or null
 * @param phq9Totals   PHQ-9 item answers per session, processed in order
 * @param phases       phases to advance through, in order
 * @param stage        what the scenario shows, for people
 */
record Scenario(String key, String given, String family, String gender, int birthYear, boolean enrol,
        String problemArea, String disputeStage, List<int[]> phq9Totals, List<String> phases, String stage) {

    static int[] phq9(int item1to8Each, int item9) {
        return new int[] {item1to8Each, item1to8Each, item1to8Each, item1to8Each, item1to8Each, item1to8Each,
            item1to8Each, item1to8Each, item9};
    }

    /** The demo population: a patient at every stage of the course. */
    static List<Scenario> all() {
        return List.of(
                new Scenario("seed-new", "Ava", "Thompson", "female", 1991, false, null, null, List.of(), List.of(),
                        "not enrolled yet"),
                new Scenario("seed-initial", "Ben", "Carter", "male", 1985, true, null, null,
                        List.of(phq9(2, 0)), List.of(), "initial phase, baseline PHQ-9 taken"),
                new Scenario("seed-grief", "Clara", "Diaz", "female", 1962, true, "grief", null,
                        List.of(phq9(2, 0), phq9(2, 0), phq9(1, 0)), List.of("middle"), "middle phase, grief"),
                new Scenario("seed-role-dispute", "Dev", "Patel", "male", 1979, true, "role-dispute", "impasse",
                        List.of(phq9(2, 0), phq9(2, 0)), List.of("middle"), "middle phase, role dispute at impasse"),
                new Scenario("seed-role-transition", "Elena", "Rossi", "female", 1996, true, "role-transition", null,
                        List.of(phq9(2, 0), phq9(1, 0)), List.of("middle"), "middle phase, role transition"),
                new Scenario("seed-deficits", "Farid", "Haddad", "male", 2001, true, "interpersonal-deficits", null,
                        List.of(phq9(2, 0), phq9(2, 0)), List.of("middle"), "middle phase, interpersonal deficits"),
                new Scenario("seed-termination", "Grace", "Kim", "female", 1970, true, "role-transition", null,
                        List.of(phq9(2, 0), phq9(1, 0), phq9(0, 0)), List.of("middle", "termination"),
                        "termination phase, in remission"),
                new Scenario("seed-maintenance", "Hana", "Sato", "female", 1958, true, "grief", null,
                        List.of(phq9(2, 0), phq9(1, 0), phq9(0, 0)), List.of("middle", "termination", "maintenance"),
                        "maintenance (IPT-M)"),
                new Scenario("seed-safety", "Isla", "Brown", "female", 1999, true, null, null,
                        List.of(phq9(2, 2)), List.of(), "PHQ-9 item 9 positive: safety signal"),
                new Scenario("seed-non-responder", "Jonah", "Miller", "male", 1988, true, "role-dispute",
                        "renegotiation", List.of(phq9(2, 0), phq9(2, 0), phq9(2, 0), phq9(2, 0), phq9(2, 0), phq9(2, 0)),
                        List.of("middle"), "non-responder at session 6: adaptation suggested"),
                new Scenario(ProcessSeed.KEY, "Kofi", "Mensah", "male", 1983, true, "role-dispute", "renegotiation",
                        List.of(phq9(2, 0), phq9(2, 0)), List.of("middle"),
                        "middle phase, role dispute: alliance ruptures and repairs, a process note (private)"),
                new Scenario(FormatSeed.CONJOINT, "Lena", "Novak", "female", 1984, true, "role-dispute", "renegotiation",
                        List.of(phq9(2, 0)), List.of("middle"),
                        "conjoint IPT: role dispute with her husband, who joins the middle-phase sessions"),
                new Scenario(FormatSeed.GROUP_MEMBERS.get(0), "Marta", "Silva", "female", 1975, false, null, null,
                        List.of(), List.of(), "group IPT: member of the seeded IPT group (attended the group session)"),
                new Scenario(FormatSeed.GROUP_MEMBERS.get(1), "Noah", "Fischer", "male", 1990, false, null, null,
                        List.of(), List.of(), "group IPT: member of the seeded IPT group (attended the group session)"),
                new Scenario(FormatSeed.GROUP_MEMBERS.get(2), "Omar", "Aziz", "male", 1967, false, null, null,
                        List.of(), List.of(), "group IPT: member of the seeded IPT group (missed the group session)"));
    }
}
