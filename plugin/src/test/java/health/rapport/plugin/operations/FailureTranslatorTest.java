package health.rapport.plugin.operations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailureTranslatorTest {

    @Test
    void refusalsKeepPlainWordsButNeverInternals() {
        assertThat(FailureTranslator.plain("HAPI-0389: Unknown parameter 'foo'", 400)).isEqualTo("Unknown parameter 'foo'");
        for (String leak : new String[] {
            "HAPI-1861: Failed to parse JSON encoded FHIR content: HAPI-1859: Content does not appear to be FHIR JSON",
            "Invalid request: The FHIR endpoint on this server does not know how to handle POST operation[Foo] with "
                    + "parameters [[]] at http://10.0.0.5:8080/fhir",
            "java.lang.IllegalStateException: boom",
            "Failed: ca.uhn.fhir.parser.DataFormatException thrown",
            "x".repeat(400)}) {
            String words = FailureTranslator.plain(leak, 400);
            assertThat(words).doesNotContain("HAPI-", "http", "java.", "ca.uhn", "Exception");
            assertThat(words).isNotBlank();
        }
        assertThat(FailureTranslator.plain(null, 404)).contains("no such");
    }
}
