package org.openprimary.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The card step of the register page with Stripe as the card provider, in Debian's Chromium: the
 * page loads Stripe.js from js.stripe.com (a stand-in served by {@link FakeStripe} over TLS, the
 * browser's DNS for js.stripe.com and api.stripe.com pointed at it), the card's number goes from
 * Stripe's frame to Stripe and never to the platform, which reads the card's fingerprint back with
 * stripe-java, keeps its keyed hash and detaches the card. A declined card, Stripe too slow for the
 * platform, and a card already on the roll are each said next to the card, in French. The
 * participation fee goes the same way: a PaymentIntent the platform makes with stripe-java, paid by
 * Stripe.js's {@code confirmCardPayment} in Stripe's frame, read back by the platform before the
 * citizen is on the roll.
 */
final class StripeCardStepInChromium {

    private static final String CHROMIUM = System.getProperty("openprimary.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("openprimary.chromedriver", "/usr/bin/chromedriver");
    private static final Path SHOTS = Path.of("target", "screenshots", "stripe-card-step");
    private static final String CARD = "4242 4242 4242 4242";

    private final URI base;
    private final FakeStripe stripe;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    private ChromeDriver driver;

    StripeCardStepInChromium(URI base, FakeStripe stripe) {
        this.base = base;
        this.stripe = stripe;
    }

    /**
     * Runs the card step twice (a citizen who gets on the roll, then one who brings the same card),
     * then the fee step of an election with a participation fee.
     */
    void run(String organizer) throws Exception {
        Files.createDirectories(SHOTS);
        HttpResponse<String> created = send("POST", "admin/api/elections", "{\"title\":\"Primaire à la carte\","
                + "\"candidates\":[\"Alice\",\"Bob\"],\"requiredFactors\":[\"PHONE\",\"CARD\"]}", organizer);
        assertEquals(201, created.statusCode(), created.body());
        String election = json.readTree(created.body()).get("id").asText();
        assertEquals(200, send("POST", "admin/api/elections/" + election + "/open-registration", "", organizer).statusCode());
        String policy = send("GET", "register.html", null, null).headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(policy.contains("script-src 'self' https://js.stripe.com;") && policy.contains("frame-src https://js.stripe.com")
                && policy.contains("connect-src 'self' https://api.stripe.com;"),
                "the register page lets Stripe.js, its frame and its API in, and nothing else: " + policy);

        try {
            driver = chromium();
            aCitizenGetsOnTheRollWithTheirCardGivenToStripeOnly(election);
        } catch (AssertionError | RuntimeException e) {
            keepFailure("first-citizen", e);
            throw e;
        } finally {
            quit();
        }
        try {
            driver = chromium();
            theSameCardIsRefusedAndStripeTooSlowIsSaidPlainly(election);
        } catch (AssertionError | RuntimeException e) {
            keepFailure("second-citizen", e);
            throw e;
        } finally {
            quit();
        }

        HttpResponse<String> withFee = send("POST", "admin/api/elections", "{\"title\":\"Primaire à un euro\","
                + "\"candidates\":[\"Alice\",\"Bob\"],\"requiredFactors\":[\"PHONE\"],\"feeCents\":100}", organizer);
        assertEquals(201, withFee.statusCode(), withFee.body());
        String feeElection = json.readTree(withFee.body()).get("id").asText();
        assertEquals(200, send("POST", "admin/api/elections/" + feeElection + "/open-registration", "", organizer)
                .statusCode());
        try {
            driver = chromium();
            aCitizenPaysTheFeeToStripeAndIsOnTheRollOnceStripeSaysSo(feeElection);
        } catch (AssertionError | RuntimeException e) {
            keepFailure("fee", e);
            throw e;
        } finally {
            quit();
        }
    }

    private void aCitizenPaysTheFeeToStripeAndIsOnTheRollOnceStripeSaysSo(String election) throws Exception {
        int before = stripe.seen().size();
        identityAndPhone(election, "Maëlle", "06 12 34 00 23", "step-fee");
        WebElement intro = visible("fee-intro");
        assertTrue(intro.getText().replace('\u00a0', ' ').replace('\u202f', ' ').contains("1,00 €"),
                "the fee, written the French way: " + intro.getText());
        WebElement submit = driver.findElement(By.id("fee-submit"));
        assertEquals("Payer 1,00 €", submit.getText().replace('\u00a0', ' ').replace('\u202f', ' '));
        assertTrue(driver.findElement(By.id("demoFeeCard-field")).getAttribute("hidden") != null, "no test card with Stripe");
        WebElement frame = waitUntil(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#feeStripe-card iframe")));
        axe("fee step with Stripe's frame");
        shoot("06-fee-step");

        declined(frame, By.id("fee-submit"), "feeStripe-error", "Le paiement n’a pas abouti :");
        assertEquals("step-fee", currentStep(), "a declined card: the citizen stays on the fee step");
        assertEquals(0, json.readTree(send("GET", "api/elections/" + election + "/roll", null, null).body())
                .get("onRoll").asLong(), "not on the roll before the fee is paid");
        shoot("07-fee-declined");

        typeCard(frame, CARD);
        driver.findElement(By.id("fee-submit")).click();
        WebElement done = visible("step-done");
        assertEquals("Vous êtes sur la liste électorale", done.findElement(By.tagName("h1")).getText());
        shoot("08-fee-paid");
        noContentSecurityPolicyViolation();

        List<FakeStripe.Seen> seen = stripe.seen().subList(before, stripe.seen().size());
        assertTrue(seen.stream().anyMatch(s -> s.key().equals("publishable")
                && s.path().matches("/v1/payment_intents/pi_\\d+/confirm") && s.content().contains(CARD)),
                "the browser paid Stripe with the publishable key: " + seen);
        thePlatformNeverSawACardNumber(seen);
        assertEquals(List.of("POST /v1/payment_intents", "GET /v1/payment_intents/pi_*"), platformCalls(seen),
                "the platform makes the payment and reads it back, nothing else");
        assertTrue(seen.stream().anyMatch(s -> s.key().equals("secret") && s.method().equals("POST")
                && s.content().contains("amount=100") && s.content().contains("currency=eur")),
                "the election's fee, in cents, is what Stripe is asked for: " + seen);
        List<String> payments = List.copyOf(stripe.payments().values());
        assertEquals(1, payments.size(), "one payment for the registration, the declined attempt included: " + payments);
        assertTrue(payments.get(0).startsWith("100 eur succeeded "), payments.toString());
        assertEquals(1, json.readTree(send("GET", "api/elections/" + election + "/roll", null, null).body())
                .get("onRoll").asLong(), "on the roll once Stripe says the fee is paid");
    }

    private void aCitizenGetsOnTheRollWithTheirCardGivenToStripeOnly(String election) throws Exception {
        identityAndPhone(election, "Inès", "06 12 34 00 21");
        WebElement frame = stripeFrame();
        assertTrue(driver.findElement(By.id("demoCard-field")).getAttribute("hidden") != null, "no demo card with Stripe");
        assertEquals(1L, ((Number) driver.executeScript(
                "return document.querySelectorAll('script[src=\"https://js.stripe.com/v3/\"]').length")).longValue(),
                "Stripe.js from js.stripe.com, loaded on the card step");
        axe("card step with Stripe's frame");
        shoot("01-card-step");

        declined(frame, By.cssSelector("#card-form button[type=submit]"), "stripe-error", "La carte n’a pas été confirmée :");
        assertEquals("step-card", currentStep(), "the citizen stays on the card step");
        shoot("02-declined");

        typeCard(frame, CARD);
        driver.findElement(By.cssSelector("#card-form button[type=submit]")).click();
        WebElement done = visible("step-done");
        assertEquals("Vous êtes sur la liste électorale", done.findElement(By.tagName("h1")).getText());
        shoot("03-on-the-roll");
        noContentSecurityPolicyViolation();

        List<FakeStripe.Seen> seen = stripe.seen();
        assertTrue(seen.stream().anyMatch(s -> s.key().equals("publishable") && s.path().endsWith("/confirm")
                && s.content().contains(CARD)), "the browser gave the card to Stripe with the publishable key: " + seen);
        thePlatformNeverSawACardNumber(seen);
        assertEquals(List.of("POST /v1/setup_intents", "GET /v1/setup_intents/seti_*", "GET /v1/payment_methods/pm_*",
                "POST /v1/payment_methods/pm_*/detach"), platformCalls(seen), "the platform's calls to Stripe");
        String paymentMethod = stripe.paymentMethods().values().iterator().next();
        assertTrue(stripe.detached(paymentMethod), "the card is detached at Stripe once its fingerprint is read");
        assertEquals(1, json.readTree(send("GET", "api/elections/" + election + "/roll", null, null).body())
                .get("onRoll").asLong(), "the roll counts the citizen");
    }

    private void theSameCardIsRefusedAndStripeTooSlowIsSaidPlainly(String election) throws Exception {
        stripe.slow(4_000); // the launcher's OPENPRIMARY_STRIPE_READ_TIMEOUT_MS is 1500
        identityAndPhone(election, "Jules", "06 12 34 00 22");
        WebElement unavailable = visible("card-error");
        assertEquals("Le service ne répond pas : réessayez dans un instant. Rien n’est perdu.",
                unavailable.getText().replace('\u00a0', ' '), "Stripe too slow: said next to the card, nothing lost");
        assertTrue(driver.findElement(By.id("stripe-field")).getAttribute("hidden") != null, "no card form without a setup");
        shoot("04-stripe-slow");

        stripe.slow(0);
        driver.findElement(By.cssSelector("#card-form button[type=submit]")).click(); // asks for the setup again
        WebElement frame = stripeFrame();
        typeCard(frame, CARD);
        driver.findElement(By.cssSelector("#card-form button[type=submit]")).click();
        WebElement duplicate = visible("card-error");
        waitUntil(d -> duplicate.getText().startsWith("Cette inscription ne peut pas être acceptée"));
        assertEquals("step-card", currentStep(), "a card already on the roll: refused, said next to the card");
        shoot("05-card-already-on-the-roll");
        noContentSecurityPolicyViolation();
        assertEquals(1, json.readTree(send("GET", "api/elections/" + election + "/roll", null, null).body())
                .get("onRoll").asLong(), "one card, one citizen on the roll");
    }

    private void identityAndPhone(String election, String firstName, String phone) {
        identityAndPhone(election, firstName, phone, "step-card");
    }

    private void identityAndPhone(String election, String firstName, String phone, String then) {
        driver.get(base + "register.html#e=" + election);
        visible("step-identity");
        assertFalse(driver.findElement(By.id("email")).isDisplayed(), "the election does not ask for the email");
        driver.findElement(By.id("firstName")).sendKeys(firstName);
        driver.findElement(By.id("lastName")).sendKeys("Carte");
        driver.findElement(By.id("phone")).sendKeys(phone);
        driver.findElement(By.cssSelector("label[for=charter]")).click();
        driver.findElement(By.cssSelector("label[for=privacy]")).click();
        driver.findElement(By.cssSelector("#identity-form button[type=submit]")).click();
        visible("step-phone");
        driver.findElement(By.id("code")).sendKeys("123456", Keys.ENTER); // the fake Twilio Verify approves it
        visible(then);
    }

    /** A declined card typed in Stripe's frame: Stripe's refusal, said after the page's French words. */
    private void declined(WebElement frame, By submit, String errorId, String saidFirst) {
        typeCard(frame, FakeStripe.DECLINED);
        driver.findElement(submit).click();
        WebElement refused = visible(errorId);
        waitUntil(d -> refused.getText().contains("Your card was declined."));
        assertTrue(refused.getText().replace('\u00a0', ' ').startsWith(saidFirst), refused.getText());
    }

    /** No call the platform made to Stripe (its secret key) carried a card number. */
    private static void thePlatformNeverSawACardNumber(List<FakeStripe.Seen> seen) {
        assertTrue(seen.stream().filter(s -> s.key().equals("secret")).noneMatch(s -> s.content().replace(" ", "")
                .matches("(?s).*(" + CARD.replace(" ", "") + "|" + FakeStripe.DECLINED + ").*")),
                "the platform never sent or saw a card number: " + seen);
    }

    /** The platform's calls to Stripe, each once, with Stripe's ids written {@code pi_*}, {@code seti_*}, {@code pm_*}. */
    private static List<String> platformCalls(List<FakeStripe.Seen> seen) {
        return seen.stream().filter(s -> s.key().equals("secret"))
                .map(s -> s.method() + " " + s.path().replaceAll("(pi|seti|pm)_\\d+", "$1_*")).distinct().toList();
    }

    /** Stripe's card frame, once Stripe.js mounted it in the page. */
    private WebElement stripeFrame() {
        return waitUntil(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#stripe-card iframe")));
    }

    private void typeCard(WebElement frame, String number) {
        driver.switchTo().frame(frame);
        try {
            WebElement input = waitUntil(ExpectedConditions.elementToBeClickable(By.id("cardnumber")));
            input.clear();
            input.sendKeys(number);
        } finally {
            driver.switchTo().defaultContent();
        }
    }

    private void noContentSecurityPolicyViolation() {
        List<String> refused = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getMessage().contains("Content Security Policy")) {
                refused.add(entry.getMessage());
            }
        }
        assertEquals(List.of(), refused, "the page's policy refused nothing Stripe.js needs");
    }

    private void axe(String where) {
        Results results = new AxeBuilder().analyze(driver);
        assertFalse(results.isErrored(), "axe-core ran on " + where + ": " + results.getErrorMessage());
        List<String> bad = new ArrayList<>();
        for (Rule rule : results.getViolations()) {
            if ("serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact())) {
                bad.add(rule.getImpact() + " " + rule.getId() + " (" + rule.getHelp() + ") on " + rule.getNodes().stream()
                        .map(n -> String.valueOf(n.getTarget())).toList());
            }
        }
        assertEquals(List.of(), bad, "no serious or critical accessibility violation on the " + where);
    }

    private String currentStep() {
        return driver.findElements(By.cssSelector("main > section")).stream().filter(WebElement::isDisplayed)
                .map(s -> s.getAttribute("id")).findFirst().orElse("");
    }

    private WebElement visible(String id) {
        return waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    private <T> T waitUntil(Function<? super WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    private ChromeDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--lang=fr-FR", "--window-size=360,800");
        options.addArguments(stripe.browserArguments());
        options.setAcceptInsecureCerts(true);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "fr-FR,fr"));
        options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
                Map.of("width", 360, "height", 800, "pixelRatio", 1.0, "touch", true)));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriver chrome = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).build(), options);
        chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return chrome;
    }

    private void shoot(String name) throws IOException {
        Files.write(SHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    private void keepFailure(String name, Throwable cause) {
        if (driver == null) {
            return;
        }
        try {
            Files.write(SHOTS.resolve("failed-" + name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
            Files.writeString(SHOTS.resolve("failed-" + name + ".html"), driver.getPageSource(), StandardCharsets.UTF_8);
            StringBuilder console = new StringBuilder();
            driver.manage().logs().get(LogType.BROWSER).forEach(e -> console.append(e).append('\n'));
            Files.writeString(SHOTS.resolve("failed-" + name + "-console.txt"), console, StandardCharsets.UTF_8);
        } catch (RuntimeException | IOException e) {
            cause.addSuppressed(e);
        }
    }

    private void quit() {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }

    private HttpResponse<String> send(String method, String path, String body, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
