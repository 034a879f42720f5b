package dev.refit.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium through its chromedriver (never Selenium Manager's download), for the
 * web UI's browser tests; screenshots go to {@code target/ui-screenshots}.
 */
public final class Chromium implements AutoCloseable {
  private static final Path SHOTS = Path.of("target", "ui-screenshots");

  private final ChromeDriver driver;

  private Chromium(ChromeDriver driver) {
    this.driver = driver;
  }

  public static Chromium start() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-quic", "--window-size=1400,1000");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
    return new Chromium(new ChromeDriver(service, options));
  }

  public ChromeDriver driver() {
    return driver;
  }

  /** Logs in on {@code base + "/ui/login"} with the API token. */
  public void logIn(String base, String token) {
    driver.get(base + "/ui/login");
    driver.findElement(By.id("token")).sendKeys(token);
    driver.findElement(By.cssSelector("button[type=submit]")).click();
  }

  /**
   * The element's text, read once: a live refresh may replace it at any moment, so callers judge
   * everything they need from this one read; empty when it is not (or no longer) there.
   */
  public String text(By element) {
    return readOnce(() -> driver.findElement(element).getText());
  }

  /**
   * The notice of the page a form's submission led to. Chromedriver's click may return before the
   * browser has left the page it was on (which has no notice), so this waits for the next one.
   */
  public String noticeAfterSubmit() {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> text(By.cssSelector(".notice")), t -> !t.isEmpty());
  }

  private static String readOnce(Supplier<String> read) {
    try {
      return read.get();
    } catch (NoSuchElementException | StaleElementReferenceException e) {
      return "";
    }
  }

  /** Saves {@code target/ui-screenshots/NAME.png}. */
  public void shot(String name) {
    try {
      Files.createDirectories(SHOTS);
      Files.write(SHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
