package io.outsight.app.web;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The system's Chromium and chromedriver (Debian's {@code chromium} and {@code chromium-driver}, installed by
 * {@code tools/install-chromium.sh}), or the paths in {@code CHROMIUM} and {@code CHROMEDRIVER}. Selenium is given
 * both paths, so Selenium Manager never looks for (or downloads) a browser or a driver.
 *
 * <p>As a JUnit extension, registered before {@code LocalStackExtension}: when they are missing it fails the class
 * on CI ({@code CI=true}, before the stack starts: CI installs them), and elsewhere skips each test through an
 * assumption. The skip is per test, not per class, because Surefire and Failsafe report a class-level abort as zero
 * tests with no message, and the message says what to install.
 */
final class Chromium implements BeforeAllCallback, BeforeEachCallback {
    static final Path BROWSER = Path.of(env("CHROMIUM", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(env("CHROMEDRIVER", "/usr/bin/chromedriver"));

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static boolean installed() {
        return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    }

    private static String missing() {
        return "Chromium (" + BROWSER + ") or chromedriver (" + DRIVER + ") is not installed: run "
                + "tools/install-chromium.sh (apt-get install chromium chromium-driver), or set CHROMIUM and "
                + "CHROMEDRIVER to their paths";
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!installed() && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(missing() + " (CI=true: CI must install them)");
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Assumptions.assumeTrue(installed(), () -> missing() + "; skipping the dashboard's browser test");
    }

    /** A headless Chromium with a tall window, so one screenshot shows the whole dashboard. */
    static ChromeDriver start(int width, int height) {
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withLogOutput(java.io.OutputStream.nullOutputStream())
                .build();
        var options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--lang=en-US", "--force-device-scale-factor=1",
                "--window-size=" + width + "," + height);
        // Nothing on the page may come from the internet: keep Chromium's own background traffic off too.
        options.addArguments("--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--metrics-recording-only", "--no-default-browser-check");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US"));
        var logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        var driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }
}
