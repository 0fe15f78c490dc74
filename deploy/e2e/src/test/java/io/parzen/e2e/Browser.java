package io.parzen.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Selenium through Debian's chromedriver — both paths set, so
 * Selenium Manager never looks for (or downloads) a browser or a driver. A fresh profile per run,
 * downloads into a folder of the build, screenshots (viewport and full page) into
 * {@code target/screenshots/}.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("parzen.test.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("parzen.test.chromedriver", "/usr/bin/chromedriver"));
    static final Dimension DESKTOP = new Dimension(1280, 800);
    static final Dimension PHONE = new Dimension(390, 844);
    /** Generous: the machine is shared by many builds; nothing here measures time. */
    static final Duration WAIT = Duration.ofSeconds(120);

    final ChromeDriver driver;
    final Path screenshots;
    final Path downloads;

    private Browser(ChromeDriver driver, Path screenshots, Path downloads) {
        this.driver = driver;
        this.screenshots = screenshots;
        this.downloads = downloads;
    }

    static Browser start(Path targetDir) throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("the browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": apt-get install chromium chromium-driver (.ci/run does it where they are missing)");
        }
        Path screenshots = Files.createDirectories(targetDir.resolve("screenshots"));
        Path downloads = Files.createDirectories(targetDir.resolve("downloads"));
        Path profile = Files.createTempDirectory(targetDir, "chromium-profile-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,800", "--lang=en-US");
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withLogFile(targetDir.resolve("chromedriver.log").toFile()).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        driver.executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "window.__errors = []; addEventListener('error', e => __errors.push(String(e.message)));"
                        + " addEventListener('unhandledrejection', e => __errors.push(String(e.reason)));"));
        Browser b = new Browser(driver, screenshots, downloads);
        b.size(DESKTOP);
        return b;
    }

    private Dimension viewport = DESKTOP;

    /** The viewport (not the window) gets exactly this size. */
    void size(Dimension viewport) {
        this.viewport = viewport;
        metrics(viewport);
    }

    private void metrics(Dimension viewport) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", viewport.width,
                "height", viewport.height, "deviceScaleFactor", 1, "mobile", viewport.width < 500));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    Object asyncJs(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    <T> T await(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).withMessage(what).pollingEvery(Duration.ofMillis(250))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
    }

    /**
     * Clicks the element {@code by} finds, once: found afresh until the click lands, because a page
     * that polls may re-render it between finding and clicking.
     */
    void click(String what, org.openqa.selenium.By by) {
        await(what, d -> {
            d.findElement(by).click();
            return true;
        });
    }

    /** Saves the viewport as NAME.png and the whole page as NAME-full.png; returns the first path. */
    Path screenshot(String name) throws IOException {
        Path viewport = screenshots.resolve(name + ".png");
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png"));
        Files.write(viewport, Base64.getDecoder().decode((String) shot.get("data")));
        // the whole page: a viewport as tall as the page, then two frames for the charts to follow their boxes
        long height = ((Number) js("return document.documentElement.scrollHeight")).longValue();
        metrics(new Dimension(this.viewport.width, (int) Math.min(height, 8000)));
        asyncJs("const done = arguments[arguments.length - 1];"
                + " requestAnimationFrame(() => requestAnimationFrame(() => done()));");
        Map<String, Object> full = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png"));
        Files.write(screenshots.resolve(name + "-full.png"), Base64.getDecoder().decode((String) full.get("data")));
        metrics(this.viewport);
        asyncJs("const done = arguments[arguments.length - 1];"
                + " requestAnimationFrame(() => requestAnimationFrame(() => done()));");
        return viewport;
    }

    /** The browser console's errors so far (uncaught exceptions and console.error), for failure messages. */
    List<?> consoleErrors() {
        Object o = js("return window.__errors || []");
        return o instanceof List<?> l ? l : List.of();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
