package health.rapport.it;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The panel's form page as a clinician uses it: opens a form from the course page, clicks
 * answers and types text into LHC-Forms' own inputs (ids {@code <linkId>/1/1…}, answer labels
 * {@code <item id>|<system>|<code>}), saves with confirmation.
 */
final class PanelForms {

    static final String LOINC = "http://loinc.org";
    static final List<String> PHQ9_ITEMS = List.of("44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2",
            "44252-5", "44253-3", "44260-8");
    static final List<String> PHQ9_ANSWERS = List.of("LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9");

    private final PanelBrowser browser;

    PanelForms(PanelBrowser browser) {
        this.browser = browser;
    }

    /** Clicks the form's link on the course page and waits until the form can be saved. */
    void open(String form) {
        browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("form-" + form))).click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("save-button")));
    }

    /** Clicks the answer {@code system|code} of the item whose element id is {@code itemId}. */
    void choose(String itemId, String system, String code) {
        WebElement answer = browser.waiting().until(ExpectedConditions.elementToBeClickable(
                By.xpath("//label[@id='" + itemId + "|" + system + "|" + code + "']")));
        answer.click();
    }

    /** Types into the text input or text area of the item whose element id is {@code itemId}. */
    void type(String itemId, String text) {
        WebElement input = browser.waiting().until(ExpectedConditions.elementToBeClickable(
                By.xpath("//*[(self::input or self::textarea) and @id='" + itemId + "']")));
        input.clear();
        input.sendKeys(text);
    }

    /** Picks {@code display} in the autocomplete list of the item whose element id is {@code itemId}. */
    void pick(String itemId, String display) {
        WebElement input = browser.waiting().until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//input[@id='" + itemId + "']")));
        // Tabbing out of the previous item focuses the next one and opens its list, which may cover
        // this item: Escape closes it first, as a clinician would.
        if (!input.equals(browser.driver.switchTo().activeElement())) {
            browser.driver.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.ESCAPE);
            browser.waiting().until(ExpectedConditions.elementToBeClickable(input)).click();
        }
        input.sendKeys(display);
        // The list is filtered as one types (items read "<n>: <display>"); the keyboard picks the
        // first match, as a clinician would.
        browser.waiting().until(d -> d.findElements(By.cssSelector("#completionOptions li")).stream()
                .anyMatch(li -> li.getText().trim().endsWith(" " + display)));
        input.sendKeys(org.openqa.selenium.Keys.ARROW_DOWN, org.openqa.selenium.Keys.ENTER);
        // A single choice shows the pick in the input; a repeating one adds it to the item's chosen list.
        boolean repeats = "Select one or more".equals(input.getAttribute("placeholder"));
        browser.waiting().until(d -> repeats
                ? d.findElement(By.xpath("//lhc-item[@id='item-" + itemId + "']")).getText().contains(display)
                : display.equals(input.getAttribute("value")));
        input.sendKeys(org.openqa.selenium.Keys.TAB);
    }

    /** Answers the nine PHQ-9 items with these weights (0–3). */
    void phq9(int... weights) {
        for (int i = 0; i < PHQ9_ITEMS.size(); i++) {
            choose(PHQ9_ITEMS.get(i) + "/1/1", LOINC, PHQ9_ANSWERS.get(weights[i]));
        }
    }

    /** Saves with confirmation and returns the result box once shown. */
    WebElement save() {
        confirmSave();
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, Duration.ofSeconds(90)).until(d ->
                d.findElement(By.id("result")).isDisplayed() || status().startsWith("Not saved"));
        if (!browser.driver.findElement(By.id("result")).isDisplayed()) {
            throw new AssertionError("the form was not saved: " + status());
        }
        return browser.driver.findElement(By.id("result"));
    }

    /** Presses save and confirms. */
    void confirmSave() {
        browser.driver.findElement(By.id("save-button")).click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
        browser.driver.findElement(By.id("confirm-ok")).click();
    }

    String status() {
        return browser.driver.findElement(By.id("status")).getText();
    }

    void backToCourse() {
        browser.driver.findElement(By.id("back-link")).click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("main")));
    }
}
