package org.pcm2.grants.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One person's headless Chromium on the Tasklist, from Debian's {@code chromium} and
 * {@code chromium-driver} packages (never a browser a tool downloads), in Vietnamese.
 * Each step can leave a screenshot under {@code target/screenshots/}.
 */
public final class TasklistBrowser implements AutoCloseable {

  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final WebDriver driver;
  private final WebDriverWait wait;
  private final String baseUrl;
  private final boolean phone;

  public TasklistBrowser(String baseUrl) {
    this(baseUrl, 1400, 1000);
  }

  /** A browser of this window size: 360 wide is a phone. */
  public TasklistBrowser(String baseUrl, int width, int height) {
    this.baseUrl = baseUrl;
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--lang=vi", "--window-size=" + width + "," + height);
    options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", "vi,en"));
    this.phone = width < 500;
    if (phone) {
      // a window is never this narrow: the phone's screen is emulated, as the browser's device toolbar does
      options.setExperimentalOption("mobileEmulation", java.util.Map.of("deviceMetrics",
          java.util.Map.of("width", width, "height", height, "pixelRatio", 2.0, "touch", true)));
    }
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .build();
    this.driver = new ChromeDriver(service, options);
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
  }

  public static boolean installed() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  /**
   * Stops a browser test when Debian's Chromium is missing: it fails under {@code CI=true},
   * where {@code .ci/run} installs it, and is skipped (aborted, reported) elsewhere.
   */
  public static void requireInstalled() {
    if (!installed()) {
      String message = "Debian's chromium and chromium-driver are not installed (apt-get install chromium"
          + " chromium-driver; .ci/run does it)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException("CI=true: " + message);
      }
      org.junit.jupiter.api.Assumptions.abort(message);
    }
  }

  /** Signs in to the Tasklist and waits for the filters. */
  public TasklistBrowser login(String user) {
    signIn("tasklist", user, "demo");
    waitForText("Việc của tôi");
    return this;
  }

  /** Opens a Camunda webapp (tasklist, welcome, admin, cockpit) and signs in on its login page. */
  public TasklistBrowser signIn(String app, String user, String password) {
    driver.get(baseUrl + "/camunda/app/" + app + "/default/");
    WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("input[ng-model='username']")));
    WebElement secret = driver.findElement(By.cssSelector("input[ng-model='password']"));
    for (int attempt = 0; attempt < 3; attempt++) {
      // the page's own autofocus can move the caret while a busy machine types: type until both hold
      name.clear();
      name.sendKeys(user);
      secret.clear();
      secret.sendKeys(password);
      if (user.equals(name.getDomProperty("value")) && password.equals(secret.getDomProperty("value"))) {
        break;
      }
      pause(300);
    }
    driver.findElement(By.cssSelector("button[type='submit']")).click();
    return this;
  }

  /** Signs in to a Camunda webapp and waits until its sign-in form has gone. */
  public TasklistBrowser signedIn(String app, String user, String password) {
    signIn(app, user, password);
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("input[ng-model='username']")));
    return this;
  }

  /** Opens a page of the application in this signed-in browser. */
  public void open(String path) {
    driver.get(baseUrl + path);
  }

  /** Opens any address, of the application or not, in this browser. */
  public void visit(String url) {
    driver.get(url);
  }

  /**
   * Runs an asynchronous script in the open page (its last argument is the callback to call
   * with the result) and returns what it gave the callback.
   */
  public Object runAsync(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
  }

  /** Fetches an address with this browser's sign-in: "status content-type", a line break, the body. */
  public String fetch(String url) {
    return (String) ((JavascriptExecutor) driver).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "fetch(arguments[0]).then(r => r.text().then(t => done(r.status + ' ' + r.headers.get('content-type')"
            + " + '\\n' + t))).catch(e => done('failed ' + e));", url);
  }

  /** Gives a file input of the page a file, as a person choosing it would. */
  public void upload(String css, Path file) {
    waitFor(css).sendKeys(file.toAbsolutePath().toString());
  }

  /** Chooses the option of a select of the page by its value. */
  public void selectValue(String css, String value) {
    new org.openqa.selenium.support.ui.Select(waitFor(css)).selectByValue(value);
  }

  /** Clicks the element of the selector once it can be clicked. */
  public void clickOn(String css) {
    click(By.cssSelector(css));
  }

  /** Types into the element of the selector after clearing it. */
  public void type(String css, String text) {
    WebElement field = waitFor(css);
    field.clear();
    field.sendKeys(text);
  }

  /** The value of the input of the selector, as the person sees it typed. */
  public String valueOf(String css) {
    return waitFor(css).getDomProperty("value");
  }

  /** The attribute of the first element of the selector. */
  public String attribute(String css, String name) {
    return waitFor(css).getDomAttribute(name);
  }

  /** Waits until an element of the selector is on the page. */
  public WebElement waitFor(String css) {
    return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
  }

  /** Takes a picture of the whole page, however long. */
  public Path fullScreenshot(String name) {
    if (phone) {
      // an emulated phone's screen keeps its size whatever the window: what it shows is its picture
      // (and resizing the window under the Tasklist would draw its open form afresh)
      return screenshot(name);
    }
    Object height = ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollHeight;");
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, Math.max(1000,
        ((Number) height).intValue() + 200)));
    try {
      return screenshot(name);
    } finally {
      driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1000));
    }
  }

  public void openFilter(String name) {
    click(By.xpath("//*[contains(@class,'filters')]//a[contains(normalize-space(.), '" + name + "')]"));
    pause(1500);
  }

  /**
   * Opens a filter and waits, with no fixed pause, until its list shows a card with the
   * text; then the texts of all the cards of the list.
   */
  public List<String> openFilterShowing(String name, String cardText) {
    click(By.xpath("//*[contains(@class,'filters')]//a[contains(normalize-space(.), '" + name + "')]"));
    try {
      wait.until(d -> taskCards().stream().anyMatch(card -> card.contains(cardText)));
    } catch (org.openqa.selenium.TimeoutException e) {
      screenshot("failed-waiting");
      throw new AssertionError("no card with '" + cardText + "' in " + name + "; the list shows: " + taskCards(), e);
    }
    return taskCards();
  }

  /** The visible text of each card of the task list, read at one moment (the list re-renders as it loads). */
  @SuppressWarnings("unchecked")
  public List<String> taskCards() {
    List<Object> texts = (List<Object>) ((JavascriptExecutor) driver).executeScript(
        "return Array.from(document.querySelectorAll(\"li[class*='task']\")).map(e => e.innerText);");
    return texts.stream().map(t -> String.valueOf(t).replaceAll("\\s+", " ").trim()).toList();
  }

  /** Opens the task of the list whose card shows the text, and claims it when it is free. */
  public void openTask(String taskName, String cardText) {
    openTaskAsItIs(taskName, cardText);
    List<WebElement> claim = driver.findElements(By.xpath("//button[normalize-space(.)='Nhận việc']"));
    if (!claim.isEmpty() && claim.get(0).isDisplayed()) {
      claim.get(0).click();
      wait.until(ExpectedConditions.invisibilityOfElementLocated(
          By.xpath("//button[normalize-space(.)='Nhận việc']")));
      pause(1500);
    }
  }

  /** Opens the task of the list whose card shows the text, leaving it claimed or free as it is. */
  public void openTaskAsItIs(String taskName, String cardText) {
    click(By.xpath("//li[contains(@class,'task') and contains(., '" + cardText + "')]//*[contains(., '"
        + taskName + "')][1]"));
    waitForText("Biểu mẫu");
    pause(1500);
  }

  public void startProcess(String processName) {
    openMenuOnAPhone();
    click(By.xpath("//a[contains(normalize-space(.), 'Bắt đầu quy trình')]"));
    click(By.xpath("//*[contains(@class,'modal')]//a[contains(normalize-space(.), '" + processName + "')]"));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[id$='Field_title']")));
    pause(1000);
  }

  /** Closes the open dialog (the start form) without sending it. */
  public void closeDialog() {
    driver.findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal-dialog")));
    pause(500);
  }

  /**
   * Chooses a file in the file chooser beside the form's field of evidence of the key
   * ({@code minutesFiles}, {@code photoFiles} ...) and waits until the Tasklist has listed it
   * as kept (the upload done and its number in the field) or refused; returns that line.
   */
  public String attach(String key, Path file) {
    int before = driver.findElements(By.cssSelector(".pcm-files-list li")).size();
    waitFor("input[type=file][data-field$='-Field_" + key + "']").sendKeys(file.toAbsolutePath().toString());
    return wait.until(d -> {
      List<WebElement> lines = d.findElements(By.cssSelector(".pcm-files-list li.pcm-file-kept, "
          + ".pcm-files-list li.pcm-file-refused"));
      return lines.size() > before ? lines.get(lines.size() - 1).getText() : null;
    });
  }

  /** Types into the form field of the key (text, textarea or number). */
  public void fill(String key, String value) {
    WebElement field = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[id$='Field_" + key + "']")));
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", field);
    if (!field.getDomProperty("value").isEmpty()) {
      // (clearing leaves the field, and form-js's drawing of that can wipe the first keys typed)
      field.clear();
      pause(400);
    }
    field.sendKeys(value);
    if (!value.equals(field.getDomProperty("value"))) {
      // on a phone's emulated touch screen the driver's tap can land on a tooltip the Tasklist
      // shows over the field: focus it as a person's tap would, let the form settle, type again
      ((JavascriptExecutor) driver).executeScript("arguments[0].focus();", field);
      pause(400);
      ((JavascriptExecutor) driver).executeScript("arguments[0].select();", field);
      new org.openqa.selenium.interactions.Actions(driver).sendKeys(value).perform();
    }
    if (!value.equals(field.getDomProperty("value"))) {
      screenshot("failed-typing-" + key);
      throw new AssertionError("the field " + key + " shows '" + field.getDomProperty("value") + "' after typing '"
          + value + "'");
    }
    // leave the field as a person moving on does, who takes a moment: form-js keeps what was typed when the field
    // loses the focus, and again when its wait after the last key ends (300 ms), which draws the whole form anew;
    // typing the next field within that wait, as a driver does, had it drawn empty again
    ((JavascriptExecutor) driver).executeScript("arguments[0].blur();", field);
    pause(350);
  }

  /** Types a date into the form-js date field of the key; the field must ask for dd/mm/yyyy. */
  public void date(String key, LocalDate date) {
    WebElement field = wait.until(ExpectedConditions.elementToBeClickable(
        By.cssSelector("input[id$='Field_" + key + "-date']")));
    String pattern = field.getAttribute("placeholder");
    if (!"dd/mm/yyyy".equalsIgnoreCase(pattern)) {
      throw new AssertionError("date field " + key + " asks for " + pattern + ", not dd/mm/yyyy");
    }
    String text = date.format(DateTimeFormatter.ofPattern("dd/MM/yyyy"));
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", field);
    field.click();
    field.sendKeys(text);
    field.sendKeys(Keys.TAB); // (Escape would close the start dialog)
  }

  /** Scrolls the form to the field of the key. */
  public void show(String key) {
    WebElement field = driver.findElement(By.xpath("//*[@id and substring(@id, string-length(@id) - string-length('Field_"
        + key + "') + 1) = 'Field_" + key + "']/ancestor::*[contains(@class,'fjs-form-field')][1]"));
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'start'});", field);
    pause(300);
  }

  /** The value of the form field of the key (text, textarea, number). */
  public String value(String key) {
    return driver.findElement(By.cssSelector("[id$='Field_" + key + "']")).getAttribute("value");
  }

  /** What the form-js date field of the key shows. */
  public String dateShown(String key) {
    return driver.findElement(By.cssSelector("input[id$='Field_" + key + "-date']")).getAttribute("value");
  }

  /** Picks an option of a form-js select by its label. */
  public void select(String key, String option) {
    WebElement field = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.xpath("//*[@id and substring(@id, string-length(@id) - string-length('Field_" + key + "') + 1) = 'Field_"
            + key + "']/ancestor::*[contains(@class,'fjs-form-field')][1]")));
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", field);
    field.findElement(By.cssSelector(".fjs-select-display, input")).click();
    click(By.xpath("//*[contains(@class,'fjs-dropdownlist-item') and contains(normalize-space(.), '" + option
        + "')]"));
  }

  public void choose(String label) {
    click(By.xpath("//label[contains(normalize-space(.), '" + label + "')]"));
  }

  public void check(String key) {
    click(By.cssSelector("[id$='Field_" + key + "']"));
  }

  public void press(String button) {
    WebElement target;
    try {
      target = wait.until(ExpectedConditions.elementToBeClickable(
          By.xpath("//button[normalize-space(.)='" + button + "']")));
    } catch (org.openqa.selenium.TimeoutException e) {
      screenshot("failed-pressing");
      throw new AssertionError("'" + button + "' cannot be pressed; the form holds " + formState(), e);
    }
    ((JavascriptExecutor) driver).executeScript("arguments[0].click();", target);
  }

  /** Each field of the form shown, with what it holds and the error form-js shows under it. */
  public String formState() {
    Object state = ((JavascriptExecutor) driver).executeScript("""
        return Array.from(document.querySelectorAll('.fjs-form-field')).map((field) => {
          const input = field.querySelector('input, textarea');
          const error = field.querySelector('.fjs-form-field-error');
          return (input ? input.id.replace(/^.*-Field_/, '') + '=' + JSON.stringify(input.value) : '?')
              + (error ? ' [' + error.textContent.trim() + ']' : '');
        }).join('; ');""");
    return String.valueOf(state);
  }

  /** Completes the open task's form and waits until the Tasklist has closed it. */
  public void complete() {
    press("Hoàn thành");
    waitForText("Chọn một việc trong danh sách.");
  }

  public void waitForText(String text) {
    try {
      // (a page being replaced by the next one leaves the body read a moment ago stale: read it again)
      wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
          .until(d -> d.findElement(By.tagName("body")).getText().contains(text));
    } catch (org.openqa.selenium.TimeoutException e) {
      screenshot("failed-waiting");
      throw new AssertionError("'" + text + "' did not appear; the page shows: " + text().replaceAll("\\s+", " "), e);
    }
  }

  public String text() {
    return driver.findElement(By.tagName("body")).getText();
  }

  /** The visible text of each element of the selector, spaces and line breaks made single spaces. */
  public List<String> texts(String css) {
    return driver.findElements(By.cssSelector(css)).stream().map(e -> e.getText().replaceAll("\\s+", " ").trim())
        .toList();
  }

  public Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** On a phone's screen the Tasklist's menu (start a process ...) is behind its ☰ button: a person taps it. */
  private void openMenuOnAPhone() {
    List<WebElement> toggle = driver.findElements(By.cssSelector("button.navbar-toggle"));
    if (!toggle.isEmpty() && toggle.get(0).isDisplayed() && !toggle.get(0).getDomAttribute("class").contains("open")) {
      toggle.get(0).click();
    }
  }

  private void click(By by) {
    WebElement element = wait.until(ExpectedConditions.elementToBeClickable(by));
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    element.click();
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
