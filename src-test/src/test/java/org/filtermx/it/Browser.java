package org.filtermx.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driving the console of the gateway under test, with the waits that
 * PrimeFaces' Ajax needs and screenshots under {@code src-test/target/screenshots}.
 */
final class Browser implements AutoCloseable {

    static final String BASE = "http://" + Gateway.HOST + ":" + Gateway.HTTP_PORT;
    static final Path SCREENSHOTS = Gateway.ROOT.resolve("src-test/target/screenshots");

    final WebDriver driver;
    private final WebDriverWait wait;

    private Browser(WebDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    /** A fresh browser (no cookies); the Debian packages' binaries, so nothing is downloaded. */
    static Browser open() {
        return open(new String[0]);
    }

    /**
     * A fresh browser with extra Chromium switches, e.g. {@code --host-resolver-rules=MAP
     * console.brand.test 127.0.0.1} to send another Host header to the gateway.
     */
    static Browser open(String... extraArguments) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("filtermx.it.chromium", "/usr/bin/chromium"));
        // --no-sandbox: the tests run as root, where Chromium's sandbox cannot start.
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--window-size=1280,1000",
                "--lang=en-US",
                // The console honours "reduce motion": panels open and close without a CSS
                // transition, whose end event a busy machine can miss (a panel then stays open).
                "--force-prefers-reduced-motion");
        options.addArguments(extraArguments);
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(
                                new File(
                                        System.getProperty(
                                                "filtermx.it.chromedriver",
                                                "/usr/bin/chromedriver")))
                        .usingAnyFreePort()
                        .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Browser(driver);
    }

    void get(String path) {
        driver.get(BASE + path);
        settle();
    }

    /** Opens a full URL, e.g. on another host name than {@link #BASE}'s. */
    void getUrl(String url) {
        driver.get(url);
        settle();
    }

    /** Logs in through the login page; the caller checks where it landed. */
    void login(String user, String password) {
        get("/login.xhtml");
        type("login:username", user);
        type("login:password", password);
        click("login:submit");
    }

    void logout() {
        click("logoutForm:logout");
        wait.until(ExpectedConditions.urlContains("/login.xhtml"));
    }

    void type(String id, String text) {
        WebElement input = wait.until(ExpectedConditions.elementToBeClickable(By.id(id)));
        input.clear();
        input.sendKeys(text);
    }

    /** Types into a PrimeFaces inputNumber (its visible input is {@code <id>_input}). */
    void typeNumber(String id, long value) {
        WebElement input =
                wait.until(ExpectedConditions.elementToBeClickable(By.id(id + "_input")));
        input.click();
        input.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"));
        input.sendKeys(org.openqa.selenium.Keys.DELETE);
        input.sendKeys(Long.toString(value));
    }

    /**
     * Chooses the option labelled {@code label} of the PrimeFaces selectOneMenu {@code id} as a
     * user does (open the panel, click the option), then waits until the panel has closed and
     * checks that the choice took. A click into a panel still opening or closing, or into a long
     * list (hundreds of domains late in the suite), could land on another option or on the panel
     * over the next button: the option is scrolled into view first, and a choice that did not take
     * is made again.
     */
    void choose(String id, String label) {
        String escaped = "#" + id.replace(":", "\\:");
        By item = By.cssSelector(escaped + "_items li[data-label='" + label + "']");
        for (int attempt = 0; attempt < 3; attempt++) {
            click(id);
            WebElement option = wait.until(ExpectedConditions.visibilityOfElementLocated(item));
            ((JavascriptExecutor) driver)
                    .executeScript("arguments[0].scrollIntoView({block: 'nearest'});", option);
            wait.until(ExpectedConditions.elementToBeClickable(option)).click();
            settle();
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id(id + "_panel")));
            Object chosen =
                    ((JavascriptExecutor) driver)
                            .executeScript(
                                    "var s = document.getElementById(arguments[0]);"
                                            + " return s && s.selectedIndex >= 0"
                                            + " ? s.options[s.selectedIndex].text : null;",
                                    id + "_input");
            if (label.equals(chosen)) {
                return;
            }
        }
        screenshot("failed-" + System.currentTimeMillis());
        throw new AssertionError("could not choose \"" + label + "\" in " + id);
    }

    /** Clicks and waits for the page load or the Ajax request it started. */
    void click(String id) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
        settle();
    }

    void click(By by) {
        wait.until(ExpectedConditions.elementToBeClickable(by)).click();
        settle();
    }

    WebElement find(By by) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(by));
    }

    List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    /** Waits until some element's text contains {@code text}. */
    WebElement awaitText(By by, String text) {
        try {
            wait.until(ExpectedConditions.textToBePresentInElementLocated(by, text));
        } catch (org.openqa.selenium.TimeoutException e) {
            screenshot("failed-" + System.currentTimeMillis());
            throw new AssertionError(
                    "no \""
                            + text
                            + "\" in "
                            + by
                            + " at "
                            + driver.getCurrentUrl()
                            + "; messages: "
                            + messages(),
                    e);
        }
        return driver.findElement(by);
    }

    /** The page as the browser has it now (after scripts ran). */
    String source() {
        return driver.getPageSource();
    }

    /** The texts of the page's messages (errors and notices). */
    String messages() {
        return String.join(
                " | ",
                driver.findElements(By.cssSelector(".ui-messages li, .ui-message")).stream()
                        .map(WebElement::getText)
                        .toList());
    }

    /** Waits until the document is loaded and PrimeFaces has no Ajax request in flight. */
    void settle() {
        wait.until(
                d ->
                        Boolean.TRUE.equals(
                                ((JavascriptExecutor) d)
                                        .executeScript(
                                                "return document.readyState === 'complete'"
                                                        + " && (typeof PrimeFaces === 'undefined' || !PrimeFaces.ajax || PrimeFaces.ajax.Queue.isEmpty())"
                                                        + " && (typeof jQuery === 'undefined' || jQuery.active === 0);")));
    }

    void phone() {
        driver.manage().window().setSize(new Dimension(390, 844));
    }

    void desktop() {
        driver.manage().window().setSize(new Dimension(1280, 1000));
    }

    /** Saves a screenshot of the whole window as {@code screenshots/<name>.png}. */
    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(
                    shot.toPath(),
                    SCREENSHOTS.resolve(name + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("screenshot " + name + " failed", e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
