package dev.usercluster.gateway;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
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

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Drives the gateway's Swagger UI in headless Chromium the way a person would: register,
 * log in, paste the token into "Authorize", call whoami and see the caller's name. A
 * screenshot of the last step is kept in {@code target/screenshots/}.
 *
 * <p>
 * Needs Debian's {@code chromium} and {@code chromium-driver} ({@code .ci/run} installs
 * them); on a machine without them the test is skipped, and CI fails on any skipped
 * integration test.
 */
class SwaggerUiBrowserIntegrationTests {

	private static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));

	private static final Path CHROMEDRIVER = Path
		.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([A-Za-z0-9_-]{43})\"");

	private static Cluster cluster;

	private static WebDriver browser;

	private static Path profile;

	@BeforeAll
	static void start() throws IOException {
		assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"needs Debian's chromium and chromium-driver");
		cluster = new Cluster(1);
		profile = Files.createTempDirectory("swagger-ui-chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		// headless on a closed network: no sandbox as root, no background calls home
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
				"--window-size=1400,2400", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(CHROMEDRIVER.toString()))
			.usingAnyFreePort()
			.build();
		browser = new ChromeDriver(service, options);
	}

	@AfterAll
	static void stop() throws IOException {
		if (browser != null) {
			browser.quit();
		}
		if (cluster != null) {
			cluster.close();
		}
		if (profile != null) {
			FileSystemUtils.deleteRecursively(profile);
		}
	}

	@Test
	void registerLogInAuthorizeAndWhoamiThroughSwaggerUi() throws IOException {
		String name = "swagger_" + UUID.randomUUID().toString().substring(0, 8);
		String password = "correct horse battery";
		browser.get(cluster.uri("/swagger-ui.html").toString());

		WebElement register = operation("post", "/api/v1/users");
		assertThat(execute(register, "{\"name\": \"" + name + "\", \"password\": \"" + password + "\"}"))
			.isEqualTo("201");

		WebElement login = operation("post", "/api/v1/sessions");
		assertThat(execute(login, "{\"name\": \"" + name + "\", \"password\": \"" + password + "\"}")).isEqualTo("201");
		Matcher token = TOKEN.matcher(responseBody(login));
		assertThat(token.find()).as("login response carries a token").isTrue();

		authorize(token.group(1));

		WebElement whoami = operation("get", "/api/v1/sessions/current");
		assertThat(execute(whoami, null)).isEqualTo("200");
		assertThat(responseBody(whoami)).contains("\"name\": \"" + name + "\"");
		screenshot(whoami, "swagger-ui-whoami.png");
	}

	/** The operation block of a method and path, expanded and scrolled into view. */
	private static WebElement operation(String method, String path) {
		By summary = By.cssSelector(".opblock-" + method + " .opblock-summary-path[data-path='" + path + "']");
		WebElement pathElement = waitUntil(ExpectedConditions.elementToBeClickable(summary));
		WebElement block = pathElement.findElement(By.xpath("ancestor::div[contains(@class,'opblock ')]"));
		if (!block.getAttribute("class").contains("is-open")) {
			scrollTo(pathElement);
			pathElement.click();
		}
		return block;
	}

	/** Try it out, fill in the body if any, execute, and return the response status. */
	private static String execute(WebElement operation, String body) {
		click(operation.findElement(By.cssSelector("button.try-out__btn")));
		if (body != null) {
			WebElement text = waitUntil(ExpectedConditions
				.visibilityOf(operation.findElement(By.cssSelector("textarea.body-param__text"))));
			text.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
			text.sendKeys(body);
		}
		click(operation.findElement(By.cssSelector("button.execute")));
		By status = By.cssSelector(".live-responses-table .response .response-col_status");
		waitUntil((driver) -> !operation.findElements(status).isEmpty());
		// the cell reads "201" and, for a status the description does not list,
		// "Undocumented"
		return operation.findElement(status).getText().trim().split("\\s+")[0];
	}

	private static String responseBody(WebElement operation) {
		return operation
			.findElement(By.cssSelector(".live-responses-table .response .response-col_description .microlight"))
			.getText();
	}

	private static void authorize(String token) {
		click(waitUntil(ExpectedConditions.elementToBeClickable(By.cssSelector(".auth-wrapper button.authorize"))));
		WebElement input = waitUntil(
				ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".dialog-ux .auth-container input")));
		input.sendKeys(token);
		click(browser.findElement(By.cssSelector(".dialog-ux .auth-btn-wrapper button.authorize")));
		click(waitUntil(ExpectedConditions.elementToBeClickable(By.cssSelector(".dialog-ux button.btn-done"))));
		waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".dialog-ux")));
	}

	private static void click(WebElement element) {
		scrollTo(element);
		waitUntil(ExpectedConditions.elementToBeClickable(element)).click();
	}

	private static void scrollTo(WebElement element) {
		((org.openqa.selenium.JavascriptExecutor) browser)
			.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
	}

	private static <T> T waitUntil(java.util.function.Function<WebDriver, T> condition) {
		return new WebDriverWait(browser, Duration.ofSeconds(20)).until(condition::apply);
	}

	private static void screenshot(WebElement operation, String file) throws IOException {
		scrollTo(operation);
		Files.createDirectories(SCREENSHOTS);
		Files.write(SCREENSHOTS.resolve(file), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
	}

}
