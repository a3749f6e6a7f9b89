package health.rapport.plugin.exchange.document;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class XhtmlTest {

    @Test
    void narrativeTextIsEscaped() {
        String div = new Xhtml().paragraph("<script>alert('x')</script> & \"more\"").div();

        assertThat(div).doesNotContain("<script").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;more&quot;");
    }
}
