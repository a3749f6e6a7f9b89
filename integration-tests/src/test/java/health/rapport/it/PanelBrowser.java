package health.rapport.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} + {@code chromium-driver}, installed by
 * .ci/run) for the panel tests. Missing browser or driver fails the test: it never skips.
 */
final class PanelBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    final ChromeDriver driver;
    private final Path profile;

    PanelBrowser() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("The browser tests need Debian's chromium and chromium-driver ("
                    + CHROMIUM + ", " + CHROMEDRIVER + "): apt-get install chromium chromium-driver (.ci/run does)");
        }
        try {
            profile = Files.createTempDirectory("rapport-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,800", "--user-data-dir=" + profile);
        // The browser's console (CSP violations, script errors) is read by the tests.
        org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
        logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(60));
    }

    WebDriver open(String url) {
        driver.get(url);
        return driver;
    }

    /**
     * Opens the panel for {@code patient} as a clinician does: the sandbox EHR's SMART launch,
     * Rapport's launch page, the EHR's authorisation endpoint, back to the panel with a code.
     * Returns once the panel shows the patient.
     */
    void launch(health.rapport.sandbox.Sandbox sandbox, String patient) {
        driver.get(sandbox.ehrUrl() + "launch?patient=" + patient);
        waiting().until(d -> d.getCurrentUrl().contains("/app/index.html")
                && !d.getCurrentUrl().contains("code=")
                && !"Rapport".equals(d.findElement(org.openqa.selenium.By.id("patient-name")).getText()));
    }

    /** Saves the page as docs/screenshots/{name}.png, the given height tall. */
    void screenshot(String name, int height) {
        screenshot(name, 1280, height);
    }

    /** Saves the page as docs/screenshots/{name}.png at this window size, then goes back to 1280×800. */
    void screenshot(String name, int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        try {
            Path dir = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("../docs/screenshots").normalize();
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 800));
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp directory left behind is harmless
            }
        }
    }
}
