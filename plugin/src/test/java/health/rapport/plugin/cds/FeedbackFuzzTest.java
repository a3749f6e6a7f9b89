package health.rapport.plugin.cds;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * The CDS feedback parser on hostile bodies: each is read as 1 to {@value FeedbackParser#MAX_ITEMS} items or
 * refused with {@link InvalidHookRequestException} (400). Any other exception is a finding.
 * Seeds: {@code FeedbackFuzzTestInputs/feedback/}.
 */
class FeedbackFuzzTest {

    private static final FeedbackParser PARSER = new FeedbackParser(CdsFixtures.JSON);

    @FuzzTest(maxDuration = "4s")
    void feedback(byte[] body) {
        try {
            List<Feedback> items = PARSER.parse(body);
            if (items.isEmpty() || items.size() > FeedbackParser.MAX_ITEMS) {
                throw new AssertionError(items.size() + " feedback items accepted");
            }
        } catch (InvalidHookRequestException refused) {
            // The defined 400.
        }
    }
}
