package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every setting IT staff can make is explained where they make it: in the Metatype the Felix web console
 * turns into a form (a name and a description for each PID and each property), and in the commented
 * template the distribution ships for each PID.
 */
class MetatypeTest {

    private static final String PLUGIN = "/health/rapport/sandbox/osgi/bundles/rapport-plugin.jar";

    @Test
    void everyPidAndPropertyIsNamedAndDescribed() throws Exception {
        Map<String, Element> designs = designs();
        assertThat(designs.keySet()).containsExactlyInAnyOrder("health.rapport.fhirserver", "health.rapport.cds",
                "health.rapport.notify", "health.rapport.app", "health.rapport.careplan", "health.rapport.limits",
                "health.rapport.http");
        designs.forEach((pid, ocd) -> {
            assertThat(ocd.getAttribute("name")).as(pid).isNotBlank();
            assertThat(ocd.getAttribute("description")).as(pid).isNotBlank();
            NodeList attributes = ocd.getElementsByTagName("AD");
            assertThat(attributes.getLength()).as(pid).isPositive();
            for (int i = 0; i < attributes.getLength(); i++) {
                Element ad = (Element) attributes.item(i);
                assertThat(ad.getAttribute("name")).as(pid + " " + ad.getAttribute("id")).isNotBlank();
                assertThat(ad.getAttribute("description")).as(pid + " " + ad.getAttribute("id")).isNotBlank();
            }
        });
    }

    @Test
    void theDistributionHasACommentedTemplateWithEveryPropertyOfEveryPid() throws Exception {
        try (ZipFile zip = new ZipFile(Path.of(System.getProperty("rapport.host.zip")).toFile())) {
            for (Map.Entry<String, Element> design : designs().entrySet()) {
                String name = "templates/" + design.getKey() + ".config";
                ZipEntry entry = zip.stream().filter(e -> e.getName().endsWith("/" + name)).findFirst().orElse(null);
                assertThat(entry).as(name).isNotNull();
                String template = new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
                NodeList attributes = design.getValue().getElementsByTagName("AD");
                for (int i = 0; i < attributes.getLength(); i++) {
                    String id = ((Element) attributes.item(i)).getAttribute("id");
                    assertThat(template).as(name).containsPattern("(?m)^#?" + java.util.regex.Pattern.quote(id) + "=");
                }
            }
        }
    }

    /** The OCD of each PID in the bundle's generated Metatype. */
    private static Map<String, Element> designs() throws Exception {
        Map<String, Element> designs = new LinkedHashMap<>();
        try (InputStream jar = MetatypeTest.class.getResourceAsStream(PLUGIN);
                JarInputStream in = new JarInputStream(jar)) {
            for (JarEntry entry; (entry = in.getNextJarEntry()) != null; ) {
                if (entry.getName().startsWith("OSGI-INF/metatype/") && entry.getName().endsWith(".xml")) {
                    Document xml = parse(in.readAllBytes());
                    NodeList ocds = xml.getElementsByTagName("OCD");
                    for (int i = 0; i < ocds.getLength(); i++) {
                        Element ocd = (Element) ocds.item(i);
                        designs.put(ocd.getAttribute("id"), ocd);
                    }
                }
            }
        }
        return designs;
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }
}
