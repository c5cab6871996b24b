package org.openprimary.launcher.citizen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The citizens' pages in Debian's Chromium, headless, on a 360 px phone screen, with axe-core run on
 * every page and every step (no serious or critical violation): a citizen registers with the demo
 * stand-ins (the phone code read from the console's codes as an organizer, the email link from the
 * demo outbox, the demo's test card), is told their errors next to their fields (empty fields, a
 * bad phone number, a wrong code), reloads and resumes, ends on the roll, sees it on "my
 * registration" and downloads their data; another withdraws after a confirmation step; the
 * language switch follows on the registration and practice pages; the practice ballot refuses to
 * "cast" until every candidate is graded, shows the majority grades and stores nothing; and the
 * voting-day pages (vote, receipt, result, home) pass axe-core through a short election, with the
 * vote page's weight measured.
 *
 * <p>Screenshots of every step go to {@code target/screenshots/citizen-pages/}, and of a failure as
 * {@code target/screenshots/failed-<test>.png} with the page's HTML. Where the platform runs is the
 * subclass's business ({@link CitizenPagesIT}: the EAR deployed by Arquillian).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class CitizenPagesJourney {

    static final String CHROMIUM = System.getProperty("openprimary.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("openprimary.chromedriver", "/usr/bin/chromedriver");
    private static final Path FAILURES = Path.of("target", "screenshots");
    private static final Path SHOTS = FAILURES.resolve("citizen-pages");
    private static final Path DOWNLOADS = Path.of("target", "citizen-pages-downloads").toAbsolutePath();
    private static final String TITLE = "Primaire des citoyens";
    private static final List<String> CANDIDATES = List.of("Alice", "Bob", "Chloé");
    private static final String DEMO_CARD = "4000 0025 0000 3155";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String tag = "citizens-" + HexFormat.of().formatHex(java.security.SecureRandom.getSeed(3));
    /** New numbers each run (codes are rate-limited per phone), all valid French mobiles: 06 40 to 06 58. */
    private final String prefix = String.format("%02d%04d", 40 + new java.security.SecureRandom().nextInt(19),
            new java.security.SecureRandom().nextInt(10_000)).replaceAll("(..)(..)(..)", "$1 $2 $3");
    private final List<String> axeFindings = new ArrayList<>();
    private String organizer;
    private String election;
    private URI base;

    ChromeDriver driver;

    /** Where the platform answers. */
    abstract URI base();

    /** A failed test leaves the page's picture and HTML, taken before the browser closes. */
    @RegisterExtension
    final AfterTestExecutionCallback keepFailures = context -> {
        Throwable cause = context.getExecutionException().orElse(null);
        if (cause != null && driver != null) {
            String name = "failed-" + context.getRequiredTestMethod().getName();
            try {
                Files.createDirectories(FAILURES);
                Files.write(FAILURES.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
                Files.writeString(FAILURES.resolve(name + ".html"), driver.getPageSource(), StandardCharsets.UTF_8);
            } catch (RuntimeException | IOException e) {
                cause.addSuppressed(e);
            }
        }
    };

    @BeforeAll
    void anElectionOpensForRegistration() throws Exception {
        base = base();
        Files.createDirectories(SHOTS);
        Files.createDirectories(DOWNLOADS);
        organizer = basic("organizer", "it-organizer-password");
        HttpResponse<String> created = send(post("admin/api/elections", "{\"title\":\"" + TITLE + "\",\"candidates\":[\""
                + String.join("\",\"", CANDIDATES) + "\"],\"requiredFactors\":[\"PHONE\",\"EMAIL\",\"CARD\"]}", organizer));
        assertEquals(201, created.statusCode(), created.body());
        election = json.readTree(created.body()).get("id").asText();
        HttpResponse<String> opened = send(post("admin/api/elections/" + election + "/open-registration", "", organizer));
        assertEquals(200, opened.statusCode(), opened.body());
    }

    @BeforeEach
    void aFreshBrowser() {
        driver = chromium();
    }

    @AfterEach
    void closeTheBrowser() {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }

    @AfterAll
    void quitAnyBrowser() {
        closeTheBrowser();
    }

    // ---------------------------------------------------------------- registering

    @Test
    @Order(1)
    void aCitizenRegistersWithTheDemoStandInsEndsOnTheRollAndDownloadsTheirData() throws Exception {
        String phone = "06 " + prefix + " 14";
        String email = "camille." + tag + "@" + tag + ".example.org";
        driver.get(base + "register.html#e=" + election);
        WebElement identity = visible("step-identity");
        assertEquals("fr", driver.findElement(By.tagName("html")).getAttribute("lang"));
        assertEquals("Qui êtes-vous ?", identity.findElement(By.tagName("h1")).getText().replace('\u00a0', ' '));
        assertEquals(List.of("Vos nom et prénom, votre accord (en cours)", "Le code reçu par SMS (à faire)",
                "Le lien reçu par courriel (à faire)", "L’empreinte de votre carte (à faire)",
                "Sur la liste électorale (à faire)"), steps(), "where the citizen is and what remains");
        assertEquals("step", driver.findElement(By.cssSelector("#steps li.current")).getAttribute("aria-current"));
        assertTrue(driver.findElement(By.id("phone")).isDisplayed() && driver.findElement(By.id("email")).isDisplayed(),
                "the election requires the phone and the email: both are asked");
        axe("register-identity");
        shoot("01-identity");

        submit("identity-form");
        assertEquals("Saisissez votre prénom.", visible("firstName-error").getText());
        assertEquals("Saisissez votre nom.", visible("lastName-error").getText());
        assertEquals("Saisissez votre numéro de téléphone portable.", visible("phone-error").getText());
        assertEquals("Saisissez votre adresse électronique.", visible("email-error").getText());
        assertTrue(visible("charter-error").getText().contains("accepter la charte"));
        assertTrue(visible("privacy-error").getText().contains("traitement de vos données"));
        WebElement summary = visible("identity-summary");
        assertEquals(6, summary.findElements(By.tagName("li")).size(), summary.getText());
        assertEquals("identity-summary", driver.switchTo().activeElement().getAttribute("id"),
                "the focus goes to the summary of the problems");
        axe("register-identity-errors");
        shoot("02-identity-errors");

        driver.findElement(By.id("lang")).click();
        assertEquals("Enter your first name.", driver.findElement(By.id("firstName-error")).getText(),
                "the messages follow the language switch");
        assertEquals("Who are you?", identity.findElement(By.tagName("h1")).getText());
        driver.findElement(By.id("lang")).click();
        assertEquals("Saisissez votre prénom.", driver.findElement(By.id("firstName-error")).getText());

        driver.findElement(By.id("firstName")).sendKeys("Camille");
        driver.findElement(By.id("lastName")).sendKeys("Durand");
        driver.findElement(By.id("phone")).sendKeys("12 34 56");
        driver.findElement(By.id("email")).sendKeys(email);
        driver.findElement(By.cssSelector("label[for=charter]")).click();
        driver.findElement(By.cssSelector("label[for=privacy]")).click();
        submit("identity-form");
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("phone-error"), "numéro de téléphone valable"));
        assertFalse(driver.findElement(By.id("firstName-error")).isDisplayed(), "only the phone is at fault now");
        assertTrue(driver.findElement(By.id("phone-field")).getAttribute("class").contains("invalid"));
        assertEquals("step-identity", currentStep(), "the API refused the number: the citizen stays here");
        shoot("03-bad-phone");

        WebElement phoneInput = driver.findElement(By.id("phone"));
        phoneInput.clear();
        phoneInput.sendKeys(phone);
        Instant asked = Instant.now().minusSeconds(1);
        submit("identity-form");
        WebElement phoneStep = visible("step-phone");
        assertEquals("Confirmez votre téléphone", phoneStep.findElement(By.tagName("h1")).getText());
        assertTrue(driver.findElement(By.id("phone-intro")).getText().contains(phone), "the number the code went to");
        assertTrue(driver.findElement(By.id("phone-sent")).getText().startsWith("Code envoyé par SMS à"),
                "when the code was sent");
        WebElement code = driver.findElement(By.id("code"));
        assertEquals("one-time-code", code.getAttribute("autocomplete"));
        assertEquals("numeric", code.getAttribute("inputmode"));
        assertEquals(1, phoneStep.findElements(By.cssSelector("input")).size(), "one input for the code");
        assertTrue(driver.findElement(By.id("call-me")).isDisplayed(), "\"not received?\" offers a voice call");
        assertEquals("Vos nom et prénom, votre accord (fait)", steps().get(0));
        assertEquals("Le code reçu par SMS (en cours)", steps().get(1));
        assertTrue(driver.findElement(By.id("resume-link")).getText().contains("my-registration.html#r="),
                "the personal link that resumes the registration");
        axe("register-phone");
        shoot("04-phone");

        code.sendKeys("000000", Keys.ENTER);
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("code-error"), "Ce code est faux"));
        axe("register-phone-wrong-code");
        shoot("05-wrong-code");

        // "Not received?": another SMS, a voice call, until the API's limit (5 codes per number in
        // 10 minutes, the first one included), then its Retry-After said plainly
        for (int i = 0; i < 4; i++) {
            driver.findElement(By.id(i == 3 ? "call-me" : "send-again")).click();
            waitUntil(ExpectedConditions.elementToBeClickable(By.id("send-again")));
            assertFalse(driver.findElement(By.id("resend-error")).isDisplayed(), "send " + (i + 2) + " is allowed");
        }
        assertTrue(driver.findElement(By.id("phone-sent")).getText().startsWith("Appel lancé à"), "the call is said");
        driver.findElement(By.id("send-again")).click();
        String limit = visible("resend-error").getText().replace('\u00a0', ' ');
        assertTrue(limit.matches("Trop de codes ont été envoyés à ce numéro : réessayez dans \\d+ min\\."), limit);
        axe("register-phone-limit");
        shoot("05b-resend-limit");

        driver.navigate().refresh();
        visible("step-phone");
        assertTrue(driver.findElement(By.id("phone-sent")).getText().startsWith("Appel lancé à"),
                "a reload continues where the citizen was, and still says when and how the last code went");
        driver.findElement(By.id("code")).sendKeys(code(phone, asked), Keys.ENTER);

        WebElement emailStep = visible("step-email");
        assertTrue(driver.findElement(By.id("email-intro")).getText().contains(email));
        assertEquals("Le code reçu par SMS (fait)", steps().get(1));
        driver.findElement(By.id("email-opened")).click();
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("email-check-error"), "pas encore été ouvert"));
        axe("register-email");
        shoot("06-email");

        String link = emailLink(email);
        String registerTab = driver.getWindowHandle();
        driver.switchTo().newWindow(WindowType.TAB);
        driver.get(link);
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Adresse confirmée"));
        assertFalse(driver.getCurrentUrl().contains("&t="), "the link's token left the address bar");
        axe("verify-email");
        shoot("07-email-confirmed");
        driver.close();
        driver.switchTo().window(registerTab);

        WebElement cardStep = visible("step-card"); // the page saw the link opened elsewhere
        assertTrue(emailStep.findElements(By.tagName("h1")).size() == 1 && !emailStep.isDisplayed());
        WebElement number = visible("demoCard");
        assertTrue(driver.findElement(By.id("demoCard-hint")).getText().contains(DEMO_CARD), "the demo's test card");
        assertTrue(driver.findElement(By.id("stripe-field")).getAttribute("hidden") != null, "no Stripe form in the demo");
        assertEquals(0L, ((Number) ((JavascriptExecutor) driver).executeScript(
                "return document.querySelectorAll('script[src*=\"stripe\"]').length")).longValue(),
                "Stripe.js is loaded only when the provider is Stripe");
        submit("card-form");
        assertEquals("Saisissez le numéro de la carte de test.", visible("demoCard-error").getText());
        axe("register-card");
        shoot("08-card");
        number.sendKeys(DEMO_CARD);
        submit("card-form");

        WebElement done = visible("step-done");
        assertEquals("Vous êtes sur la liste électorale", done.findElement(By.tagName("h1")).getText());
        assertTrue(steps().stream().limit(4).allMatch(s -> s.endsWith("(fait)")), steps().toString());
        axe("register-done");
        shoot("09-on-the-roll");
        JsonNode roll = json.readTree(send(get("api/elections/" + election + "/roll", null)).body());
        assertEquals(1, roll.get("onRoll").asLong(), "the roll counts the citizen");

        done.findElement(By.cssSelector("a[href='my-registration.html']")).click();
        WebElement verdict = waitUntil(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#verdict h2")));
        assertEquals("Vous êtes sur la liste électorale", verdict.getText());
        assertTrue(driver.findElement(By.id("election")).getText().contains(TITLE));
        assertEquals(List.of("Téléphone (code reçu par SMS) : vérifié", "Adresse électronique (lien reçu par courriel) : vérifié",
                "Carte bancaire (empreinte) : vérifié"), texts("#factors li"));
        assertTrue(driver.findElement(By.id("withdraw")).isDisplayed(), "the roll is not sealed: withdrawing is offered");
        axe("my-registration");
        shoot("10-my-registration");

        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                "downloadPath", DOWNLOADS.toString()));
        driver.findElement(By.id("download")).click();
        WebElement file = waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("data-file")));
        String name = file.getAttribute("download");
        assertTrue(name.matches("openprimary-registration-[0-9a-f-]{36}\\.json"), name);
        Path downloaded = DOWNLOADS.resolve(name);
        waitUntil(d -> Files.exists(downloaded));
        JsonNode data = json.readTree(Files.readString(downloaded));
        assertEquals("Camille", data.get("firstName").asText());
        assertEquals(email, data.get("email").asText());
        assertEquals("ON_ROLL", data.get("status").asText());
        assertTrue(data.get("cardFingerprintHashKept").asBoolean(), "of the card, only that a keyed hash is kept");
        assertFalse(Files.readString(downloaded).replace(" ", "").contains("40000025"), "never the card's number");

        driver.get(base.toString());
        WebElement ours = waitUntil(d -> d.findElements(By.cssSelector("#elections li")).stream()
                .filter(li -> !li.findElements(By.cssSelector("a[href='register.html#e=" + election + "']")).isEmpty())
                .findFirst().orElse(null));
        assertTrue(ours.getText().contains("1 inscrit sur la liste électorale"), ours.getText());
        assertTrue(ours.getText().contains("Alice") && ours.getText().contains("Chloé"), "the candidates");
        assertTrue(driver.findElement(By.id("to-register")).isDisplayed()
                && driver.findElement(By.id("to-mine")).isDisplayed()
                && driver.findElement(By.id("to-practice")).isDisplayed(), "where to click");
        axe("home");
        shoot("11-home");
        noAxeFindings();
    }

    @Test
    @Order(2)
    void aCitizenWithdrawsAfterAConfirmationAndTheirDataAreGone() throws Exception {
        JsonNode registered = json.readTree(send(post("api/elections/" + election + "/registrants",
                "{\"firstName\":\"Dominique\",\"lastName\":\"Retrait\",\"phone\":\"06 " + prefix + " 25\","
                        + "\"email\":\"dominique@w" + tag + ".example.org\",\"charterVersion\":\"2027-1\","
                        + "\"privacyVersion\":\"2027-1\",\"language\":\"fr\"}", null)).body());
        String id = registered.get("id").asText();
        String token = registered.get("resumeToken").asText();
        driver.get(base + "my-registration.html#r=" + id + "&k=" + token);
        WebElement verdict = waitUntil(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#verdict h2")));
        assertFalse(driver.getCurrentUrl().contains(token), "the token left the address bar");
        assertEquals("Vous n’êtes pas encore sur la liste électorale", verdict.getText());
        assertEquals("Il reste 3 étapes à faire : le code reçu par SMS, le lien reçu par courriel et l’empreinte de la carte.",
                driver.findElement(By.cssSelector("#verdict p")).getText().replace('\u00a0', ' '));
        assertTrue(texts("#factors li").stream().allMatch(f -> f.endsWith(": pas encore vérifié")));
        assertTrue(driver.findElement(By.id("go-on")).isDisplayed(), "the way on with the registration");
        assertTrue(driver.findElement(By.id("help")).getText().replace('\u00a0', ' ')
                .matches("Votre code d’aide pour la ligne d’assistance : [0-9A-Z-]{8,12}"),
                "the status's help code, for the hotline: " + driver.findElement(By.id("help")).getText());

        driver.findElement(By.cssSelector("#go-on a")).click(); // the personal link resumes the registration here
        visible("step-phone");
        assertEquals("Vos nom et prénom, votre accord (fait)", steps().get(0));
        driver.get(base + "my-registration.html");
        waitUntil(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#verdict h2")));

        driver.findElement(By.id("withdraw")).click();
        WebElement confirm = visible("confirm");
        assertTrue(confirm.getText().contains("Cela ne peut pas être annulé"));
        axe("my-registration-confirm-withdrawal");
        shoot("12-confirm-withdrawal");
        driver.findElement(By.id("confirm-no")).click();
        assertFalse(confirm.isDisplayed(), "no: nothing happens");
        assertEquals(200, send(get("api/registrants/" + id, "Bearer " + token)).statusCode(), "still registered");

        driver.findElement(By.id("withdraw")).click();
        visible("confirm-yes").click();
        WebElement withdrawn = visible("withdrawn");
        assertTrue(withdrawn.getText().contains("Votre inscription est retirée"), withdrawn.getText());
        assertEquals(404, send(get("api/registrants/" + id, "Bearer " + token)).statusCode(), "the data are erased");
        axe("my-registration-withdrawn");
        shoot("13-withdrawn");

        driver.navigate().refresh();
        visible("ask"); // nothing kept in the tab after withdrawing: the page asks for a personal link
        WebElement personal = driver.findElement(By.id("personal"));
        personal.sendKeys("https://example.org/nothing");
        submit("link-form");
        assertTrue(visible("personal-error").getText().contains("lien personnel complet"));
        axe("my-registration-ask");
        noAxeFindings();
    }

    @Test
    @Order(2)
    void aCitizenPaysTheParticipationFeeWithTheDemosTestCardAndIsOnTheRollOnceItIsPaid() throws Exception {
        HttpResponse<String> created = send(post("admin/api/elections", "{\"title\":\"Primaire à 1,50 € " + tag
                + "\",\"candidates\":[\"A\",\"B\"],\"requiredFactors\":[\"PHONE\"],\"feeCents\":150}", organizer));
        assertEquals(201, created.statusCode(), created.body());
        String paying = json.readTree(created.body()).get("id").asText();
        assertEquals(200, send(post("admin/api/elections/" + paying + "/open-registration", "", organizer)).statusCode());
        String phone = "06 " + prefix + " 16";
        driver.get(base + "register.html#e=" + paying);
        visible("step-identity");
        assertEquals(List.of("Vos nom et prénom, votre accord (en cours)", "Le code reçu par SMS (à faire)",
                "La participation aux frais (à faire)", "Sur la liste électorale (à faire)"), steps(),
                "the fee is a step of its own, after the proofs");
        driver.findElement(By.id("firstName")).sendKeys("Louise");
        driver.findElement(By.id("lastName")).sendKeys("Frais");
        driver.findElement(By.id("phone")).sendKeys(phone);
        driver.findElement(By.cssSelector("label[for=charter]")).click();
        driver.findElement(By.cssSelector("label[for=privacy]")).click();
        Instant asked = Instant.now().minusSeconds(1);
        submit("identity-form");
        visible("step-phone");
        driver.findElement(By.id("code")).sendKeys(code(phone, asked), Keys.ENTER);

        WebElement feeStep = visible("step-fee");
        assertEquals("La participation aux frais", feeStep.findElement(By.tagName("h1")).getText());
        assertTrue(driver.findElement(By.id("fee-intro")).getText().replaceAll("[\u00a0\u202f]", " ").contains("1,50 €"),
                driver.findElement(By.id("fee-intro")).getText());
        assertEquals("Payer 1,50 €", driver.findElement(By.id("fee-submit")).getText().replaceAll("[\u00a0\u202f]", " "));
        WebElement number = visible("demoFeeCard");
        assertTrue(driver.findElement(By.id("demoFeeCard-hint")).getText().contains("4242 4242 4242 4242"),
                "the demo's test card that pays");
        assertTrue(driver.findElement(By.id("feeStripe-field")).getAttribute("hidden") != null, "no Stripe form in the demo");
        assertEquals(0L, ((Number) ((JavascriptExecutor) driver).executeScript(
                "return document.querySelectorAll('script[src*=\"stripe\"]').length")).longValue(),
                "Stripe.js is loaded only when the provider is Stripe");
        axe("register-fee");
        shoot("13b-fee");
        submit("fee-form");
        assertEquals("Saisissez le numéro de la carte de test.", visible("demoFeeCard-error").getText());
        number.sendKeys("4000 0000 0000 0002");
        submit("fee-form");
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("fee-error"), "essayez une autre carte"));
        assertEquals("step-fee", currentStep(), "a declined card: the citizen stays on the fee step");
        assertEquals(0, json.readTree(send(get("api/elections/" + paying + "/roll", null)).body()).get("onRoll").asLong(),
                "not on the roll before the fee is paid");
        axe("register-fee-declined");
        shoot("13c-fee-declined");
        number.clear();
        number.sendKeys("4242 4242 4242 4242");
        submit("fee-form");

        WebElement done = visible("step-done");
        assertEquals("Vous êtes sur la liste électorale", done.findElement(By.tagName("h1")).getText());
        assertEquals("La participation aux frais (fait)", steps().get(2));
        assertEquals(1, json.readTree(send(get("api/elections/" + paying + "/roll", null)).body()).get("onRoll").asLong(),
                "the roll counts the citizen once the fee is paid");
        shoot("13d-fee-paid");
        done.findElement(By.cssSelector("a[href='my-registration.html']")).click();
        WebElement verdict = waitUntil(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#verdict h2")));
        assertEquals("Vous êtes sur la liste électorale", verdict.getText());
        assertTrue(texts("#factors li").contains("Participation aux frais : payée"), texts("#factors li").toString());
        axe("my-registration-fee");
        noAxeFindings();
    }

    @Test
    @Order(2)
    void aCitizenStruckOffReadsWhyAndAppealsWithTheErrorNextToTheField() throws Exception {
        String card = json.readTree(send(post("admin/api/elections", "{\"title\":\"Primaire radiations " + tag
                + "\",\"candidates\":[\"A\",\"B\"],\"requiredFactors\":[\"CARD\"]}", organizer)).body()).get("id").asText();
        send(post("admin/api/elections/" + card + "/open-registration", "", organizer));
        JsonNode registered = json.readTree(send(post("api/elections/" + card + "/registrants",
                "{\"firstName\":\"Camille\",\"lastName\":\"Appel\",\"charterVersion\":\"2027-1\","
                        + "\"privacyVersion\":\"2027-1\",\"language\":\"fr\"}", null)).body());
        String id = registered.get("id").asText();
        String bearer = "Bearer " + registered.get("resumeToken").asText();
        String setup = json.readTree(send(post("api/registrants/" + id + "/card/setup", "", bearer)).body())
                .get("setupId").asText();
        HttpResponse<String> carded = send(post("api/registrants/" + id + "/card/verify", "{\"setupId\":\"" + setup
                + "\",\"demoCard\":\"4000 0000 " + prefix.replace(" ", "").substring(0, 4) + " 7731\"}", bearer));
        assertEquals("ON_ROLL", json.readTree(carded.body()).get("status").asText(), carded.body());
        HttpResponse<String> struck = send(post("admin/api/elections/" + card + "/strike-offs",
                "{\"registrant\":\"" + id + "\",\"reason\":\"NOT_ELIGIBLE\"}", organizer));
        assertEquals(201, struck.statusCode(), struck.body());

        driver.get(base + "my-registration.html#r=" + id + "&k=" + registered.get("resumeToken").asText());
        WebElement verdict = waitUntil(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#verdict h2")));
        assertEquals("Vous avez été radié(e) de la liste électorale", verdict.getText());
        waitUntil(d -> d.findElement(By.cssSelector("#verdict p")).getText().startsWith("Motif"));
        assertEquals("Motif : vous ne remplissez pas les conditions de l’élection (âge, adhésion, résidence)",
                driver.findElement(By.cssSelector("#verdict p")).getText().replace('\u00a0', ' '));
        assertTrue(visible("appeal-deadline").getText().startsWith("Vous pouvez faire appel jusqu’au"));
        axe("my-registration-struck-off");
        submit("appeal-form");
        assertEquals("Dites pourquoi en quelques mots.", visible("appeal-text-error").getText(), "the error next to its field");
        driver.findElement(By.id("appeal-text")).sendKeys("J’ai 18 ans depuis le mois dernier.");
        submit("appeal-form");
        waitUntil(d -> d.findElement(By.id("appeal-state")).getText().startsWith("Votre appel du"));
        assertFalse(driver.findElement(By.id("appeal-form")).isDisplayed(), "one appeal per strike-off");
        assertTrue(driver.findElement(By.id("appeal-state")).getText().contains("un organisateur décide au plus tard le"));
        axe("my-registration-appealed");
        shoot("14-appealed");
        driver.findElement(By.id("lang")).click();
        waitUntil(d -> d.findElement(By.id("appeal-state")).getText().startsWith("Your appeal of"));
        JsonNode queue = json.readTree(send(get("admin/api/elections/" + card + "/appeals", organizer)).body());
        assertEquals("J’ai 18 ans depuis le mois dernier.", queue.get(0).get("text").asText(), queue.toString());
        noAxeFindings();
    }

    @Test
    @Order(3)
    void thePracticeBallotRefusesToCastUntilEveryCandidateIsGradedShowsTheMajorityGradesAndStoresNothing() {
        driver.get("data:text/html;charset=utf-8,<html><body><input type=text></body></html>");
        axe("a page with an unlabelled input");
        assertTrue(axeFindings.stream().anyMatch(f -> f.contains(" label ")),
                "the accessibility check fails where it should: " + axeFindings);
        axeFindings.clear();

        driver.get(base + "practice.html#e=" + election);
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("ballot-heading"), TITLE));
        WebElement heading = driver.findElement(By.id("ballot-heading"));
        assertEquals(3, driver.findElements(By.cssSelector("fieldset.candidate")).size());
        assertTrue(driver.findElements(By.cssSelector("input[type=radio]")).stream().noneMatch(WebElement::isSelected),
                "nothing pre-selected");
        axe("practice");
        driver.findElement(By.id("lang")).click();
        assertEquals("Practise voting", driver.findElement(By.tagName("h1")).getText());
        assertEquals("Practice ballot: " + TITLE, heading.getText());

        grade(1, "Insuffisant");
        submit("ballot-form");
        assertEquals("Choose a grade for Alice.", visible("cand-0-error").getText());
        assertEquals("Choose a grade for Chloé.", visible("cand-2-error").getText());
        assertFalse(driver.findElement(By.id("cand-1-error")).isDisplayed());
        assertFalse(driver.findElement(By.id("practice-result")).isDisplayed(), "no \"cast\" with a candidate ungraded");
        assertEquals(2, visible("ballot-summary").findElements(By.tagName("li")).size());
        axe("practice-missing");
        shoot("14-practice-missing");
        driver.findElement(By.id("lang")).click();
        assertEquals("Choisissez une mention pour Alice.", driver.findElement(By.id("cand-0-error")).getText());

        grade(0, "Très bien");
        grade(2, "Bien");
        submit("ballot-form");
        visible("practice-result");
        // with the four imaginary ballots: Alice Passable, Assez bien, Bien, Très bien, Très bien; Bob Insuffisant,
        // Passable, Assez bien, Bien, Très bien; Chloé Passable, Assez bien, Bien, Bien, Très bien
        assertEquals(List.of("1 Alice Bien", "2 Chloé Bien", "3 Bob Assez bien"), texts("#majority-rows tr"));
        assertEquals(List.of("Alice : Passable, Assez bien, [Bien], Très bien, Très bien (votre mention : Très bien)",
                "Chloé : Passable, Assez bien, [Bien], Bien, Très bien (votre mention : Bien)",
                "Bob : Insuffisant, Passable, [Assez bien], Bien, Très bien (votre mention : Insuffisant)"),
                texts("#all-grades li"));
        String tie = driver.findElement(By.id("ties")).getText().replace('\u00a0', ' ');
        assertEquals("Alice et Chloé ont la même mention majoritaire, Bien : après 2 retrait(s) de la mention médiane,"
                + " Alice a Très bien et Chloé a Bien.", tie);
        axe("practice-result");
        shoot("15-practice-result");

        List<String> called = texts(driver, "return performance.getEntriesByType('resource')"
                + ".filter(function (e) { return e.name.indexOf('/api/') >= 0; }).map(function (e) { return e.name; })");
        assertEquals(List.of(base + "api/elections"), called, "the practice calls nothing but the public list");
        noAxeFindings();
    }

    // ---------------------------------------------------------------- the voting-day pages through axe-core

    @Test
    @Order(4)
    void theVotingDayPagesPassAxeCoreAndTheVotePageStaysLight() throws Exception {
        String phone = "06 " + prefix + " 36";
        String voting = json.readTree(send(post("admin/api/elections", "{\"title\":\"Primaire axe\",\"candidates\":[\""
                + String.join("\",\"", CANDIDATES) + "\"],\"requiredFactors\":[\"PHONE\"]}", organizer)).body())
                .get("id").asText();
        send(post("admin/api/elections/" + voting + "/open-registration", "", organizer));
        JsonNode registered = json.readTree(send(post("api/elections/" + voting + "/registrants",
                "{\"firstName\":\"Axel\",\"lastName\":\"Core\",\"phone\":\"" + phone
                        + "\",\"charterVersion\":\"1\",\"privacyVersion\":\"1\",\"language\":\"fr\"}", null)).body());
        HttpResponse<String> verified = send(post("api/registrants/" + registered.get("id").asText() + "/phone/verify",
                "{\"code\":\"" + code(phone, Instant.EPOCH) + "\"}", "Bearer " + registered.get("resumeToken").asText()));
        assertEquals("ON_ROLL", json.readTree(verified.body()).get("status").asText(), verified.body());

        JsonNode late = json.readTree(send(post("api/elections/" + voting + "/registrants",
                "{\"firstName\":\"Lou\",\"lastName\":\"Tard\",\"phone\":\"06 " + prefix + " 47"
                        + "\",\"charterVersion\":\"1\",\"privacyVersion\":\"1\",\"language\":\"fr\"}", null)).body());
        String trusteeName = tag + "-trustee";
        String trustee = account(trusteeName, "TRUSTEE");
        String bailiff = account(tag + "-bailiff", "BAILIFF");
        assertEquals(200, send(put("admin/api/elections/" + voting + "/trustees", "{\"trustees\":[\"" + trusteeName
                + "\"],\"threshold\":1}", organizer)).statusCode());
        assertEquals(200, send(put("admin/api/trustee/elections/" + voting + "/passphrase",
                "{\"passphrase\":\"passphrase of " + trusteeName + "\"}", trustee)).statusCode());
        Instant opens = Instant.now().plusSeconds(15);
        Instant closes = opens.plusSeconds(90);
        assertEquals(200, send(put("admin/api/elections/" + voting + "/schedule", "{\"votingOpensAt\":\"" + opens
                + "\",\"votingClosesAt\":\"" + closes + "\"}", organizer)).statusCode());
        String fingerprint = json.readTree(send(post("admin/api/elections/" + voting + "/seal/proposal", "",
                organizer)).body()).get("fingerprint").asText();
        HttpResponse<String> sealed = send(post("admin/api/bailiff/elections/" + voting + "/seal",
                "{\"fingerprint\":\"" + fingerprint + "\"}", bailiff));
        assertEquals(200, sealed.statusCode(), sealed.body());
        String share = send(post("admin/api/trustee/elections/" + voting + "/share/download", "", trustee)).body();
        HttpResponse<String> rehearsed = bring(voting, trustee, trusteeName, share, "rehearsal");
        assertEquals("REHEARSAL_PASSED", json.readTree(rehearsed.body()).get("status").asText(), rehearsed.body());

        // after the seal: who never gave their code is told why they are not on the roll; withdrawing is
        // now a request that the data be erased after the result (202), the registration staying counted
        driver.get(base + "my-registration.html#r=" + late.get("id").asText() + "&k=" + late.get("resumeToken").asText());
        WebElement refused = waitUntil(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#verdict h2")));
        assertEquals("Vous n’êtes pas sur la liste électorale", refused.getText());
        assertEquals("Les inscriptions ont été closes avant que toutes les vérifications soient faites : le code reçu"
                + " par SMS manquait.", driver.findElement(By.cssSelector("#verdict p")).getText().replace('\u00a0', ' '));
        assertTrue(driver.findElement(By.id("withdraw-text")).getText().contains("scellée"));
        assertTrue(driver.findElement(By.id("withdraw-text")).getText().contains("effacées après la publication du"
                + " résultat"), driver.findElement(By.id("withdraw-text")).getText());
        assertEquals("Demander l’effacement de mes données", driver.findElement(By.id("withdraw")).getText(),
                "the roll is sealed: no withdrawal at once, a request for erasure");
        assertFalse(driver.findElement(By.id("go-on")).isDisplayed(), "nothing more to do once registration closed");
        axe("my-registration-refused");
        shoot("16-not-on-the-roll");
        driver.findElement(By.id("withdraw")).click();
        visible("confirm");
        assertTrue(driver.findElement(By.id("confirm")).getText().contains("reste sur la liste scellée"),
                driver.findElement(By.id("confirm")).getText());
        axe("my-registration-confirm-erasure");
        driver.findElement(By.id("confirm-yes")).click();
        WebElement recorded = visible("erasure-requested");
        assertTrue(recorded.getText().contains("Votre demande d’effacement est enregistrée"), recorded.getText());
        assertTrue(recorded.getText().contains("après la publication du résultat"), "before the result, the deadline"
                + " runs from the publication: " + recorded.getText());
        assertFalse(driver.findElement(By.id("withdraw")).isDisplayed(), "asked once");
        driver.findElement(By.id("lang")).click();
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("erasure-requested"),
                "Your request for erasure is recorded"));
        assertTrue(driver.findElement(By.id("requested-text")).getText().contains("after the result is published"),
                driver.findElement(By.id("requested-text")).getText());
        axe("my-registration-erasure-requested");
        shoot("16b-erasure-requested");
        driver.findElement(By.id("lang")).click();
        driver.navigate().refresh(); // a later visit (the tab keeps the registration): the request stands
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("requested-text"), "Demande enregistrée le"));
        assertFalse(driver.findElement(By.id("withdraw")).isDisplayed(), "nothing more to ask");
        HttpResponse<String> data = send(get("api/registrants/" + late.get("id").asText() + "/data",
                "Bearer " + late.get("resumeToken").asText()));
        assertEquals(200, data.statusCode(), "kept until the purge: " + data.body());
        assertTrue(json.readTree(data.body()).path("erasureRequestedAt").isTextual(),
                "the request is in the downloaded data: " + data.body());
        driver.get(base.toString());
        waitUntil(d -> d.findElements(By.cssSelector("#voting li")).stream().anyMatch(li -> li.getText().contains("Primaire axe")));
        axe("home-sealed");
        driver.get(base + "vote.html#e=" + voting + "&c=AAAAAAAAAAAAAAAAAAAAAA");
        visible("step-stop");
        axe("vote-not-open");

        waitForState(voting, "VOTING", opens.plusSeconds(20));
        driver.get("about:blank"); // the same page with another fragment would not load again
        driver.executeCdpCommand("Network.clearBrowserCache", Map.of()); // weighed as on a first visit
        send(post("admin/api/notifications/outbox/dispatch", "", organizer));
        String credential = credential(voting, phone);

        driver.get(base + "vote.html#e=" + voting + "&c=" + credential);
        visible("step-code");
        long weight = weight();
        System.out.println("[weight] vote.html and its assets: " + weight + " bytes transferred");
        assertTrue(weight > 10_000 && weight < 100_000, "the vote page weighs " + weight + " bytes (goal: under 100 KB)");
        axe("vote-code");
        Instant asked = Instant.now().minusSeconds(1);
        driver.findElement(By.id("send-sms")).click();
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("sent"), "Code envoyé"));
        axe("vote-code-sent");
        driver.findElement(By.id("code")).sendKeys(code(phone, asked), Keys.ENTER);
        visible("step-ballot");
        axe("vote-ballot");
        grade(0, "Bien");
        submit("ballot-form");
        visible("ballot-summary");
        axe("vote-ballot-missing");
        grade(1, "Passable");
        grade(2, "Très bien");
        submit("ballot-form");
        visible("step-check");
        axe("vote-check");
        driver.findElement(By.id("cast")).click();
        visible("step-done");
        String receipt = driver.findElement(By.id("receipt")).getText();
        axe("vote-done");
        driver.findElement(By.id("check-link")).click();
        waitUntil(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#answer .success")));
        axe("receipt");
        driver.get(base + "result.html#e=" + voting);
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "pas encore publié"));
        axe("result-not-published");
        driver.get(base.toString());
        waitUntil(d -> d.findElements(By.cssSelector("#voting li")).stream().anyMatch(li -> li.getText().contains("participation")));
        axe("home-voting");

        waitForState(voting, "CLOSED", closes.plusSeconds(20));
        HttpResponse<String> counting = bring(voting, trustee, trusteeName, share, "count");
        assertEquals(200, counting.statusCode(), counting.body());
        waitForState(voting, "COUNTED", Instant.now().plusSeconds(30));
        assertEquals(200, send(post("admin/api/elections/" + voting + "/publish", "", organizer)).statusCode());
        driver.get(base + "result.html#e=" + voting);
        visible("result");
        axe("result");
        driver.get(base + "receipt.html#e=" + voting + "&r=" + receipt);
        waitUntil(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#answer .success")));
        axe("receipt-published");
        shoot("17-result");

        noAxeFindings();
    }

    // ---------------------------------------------------------------- axe-core, the weight

    /**
     * Runs axe-core on the page as it stands and keeps its serious or critical violations (the rule
     * and the elements), and whether the page is wider than the phone's screen, for
     * {@link #noAxeFindings()} to fail the test with all of them at its end.
     */
    void axe(String where) {
        long width = ((Number) ((JavascriptExecutor) driver)
                .executeScript("return document.documentElement.scrollWidth")).longValue();
        if (width > 360) {
            axeFindings.add(where + ": the page is " + width + " px wide on a 360 px screen");
        }
        Results results = new AxeBuilder().analyze(driver);
        assertFalse(results.isErrored(), "axe-core ran on " + where + ": " + results.getErrorMessage());
        List<String> bad = new ArrayList<>();
        for (Rule rule : results.getViolations()) {
            if ("serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact())) {
                bad.add(where + ": " + rule.getImpact() + " " + rule.getId() + " (" + rule.getHelp() + ") on "
                        + rule.getNodes().stream().map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")));
            }
        }
        System.out.println("[axe] " + where + ": " + results.getPasses().size() + " rules passed, violations: "
                + results.getViolations().stream().map(r -> r.getId() + " (" + r.getImpact() + ")").toList());
        bad.forEach(finding -> System.out.println("[axe] " + finding));
        axeFindings.addAll(bad);
    }

    /** Every page the test ran axe-core on had no serious or critical violation. */
    private void noAxeFindings() {
        List<String> found = new ArrayList<>(axeFindings);
        axeFindings.clear();
        assertEquals(List.of(), found, "no serious or critical accessibility violation on any page");
    }

    /** Bytes transferred for the page and everything it loaded (a fresh browser: nothing cached). */
    private long weight() {
        Object total = ((JavascriptExecutor) driver).executeScript(
                "return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
                        + ".reduce(function (sum, e) { return sum + (e.transferSize || 0); }, 0)");
        return ((Number) total).longValue();
    }

    // ---------------------------------------------------------------- the browser

    private ChromeDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--lang=fr-FR", "--window-size=360,800");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "fr-FR,fr",
                "download.default_directory", DOWNLOADS.toString(), "download.prompt_for_download", false));
        options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
                Map.of("width", 360, "height", 800, "pixelRatio", 1.0, "touch", true)));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return chrome;
    }

    private WebElement visible(String id) {
        return waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    private <T> T waitUntil(java.util.function.Function<? super org.openqa.selenium.WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(20))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
    }

    private String currentStep() {
        return driver.findElements(By.cssSelector("main > section")).stream().filter(WebElement::isDisplayed)
                .map(s -> s.getAttribute("id")).findFirst().orElse("");
    }

    private List<String> steps() {
        return texts("#steps li");
    }

    private List<String> texts(String css) {
        return driver.findElements(By.cssSelector(css)).stream()
                .map(e -> e.getText().replaceAll("[\\s\u00a0\u202f]+", " ").strip()).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> texts(ChromeDriver driver, String script) {
        return ((List<Object>) driver.executeScript(script)).stream().map(String::valueOf).toList();
    }

    private void grade(int candidate, String grade) {
        driver.findElement(By.cssSelector("#cand-" + candidate + " input[value='" + grade + "']"))
                .findElement(By.xpath("./parent::label")).click();
    }

    private void submit(String form) {
        driver.findElement(By.cssSelector("#" + form + " button[type=submit]")).click();
    }

    private void shoot(String name) {
        try {
            Files.write(SHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- the APIs, as PlatformIT uses them

    /** The newest unused code the console stand-in sent to this phone since a moment. */
    private String code(String phone, Instant since) throws Exception {
        String digits = phone.replace(" ", "");
        String masked = "+33*******" + digits.substring(digits.length() - 2);
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode sent : json.readTree(send(get("admin/api/console/codes", organizer)).body())) {
                if (sent.get("phone").asText().equals(masked) && !sent.get("used").asBoolean()
                        && !Instant.parse(sent.get("sentAt").asText()).isBefore(since)) {
                    return sent.get("code").asText();
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError("no code was sent to " + masked + " since " + since);
    }

    /** The link of the confirmation email sent to this address, from the demo outbox. */
    private String emailLink(String address) throws Exception {
        Pattern link = Pattern.compile("https?://[^/\\s]+/(verify-email\\.html#r=[0-9a-f-]{36}&t=[A-Za-z0-9_-]+)");
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            send(post("admin/api/notifications/outbox/dispatch", "", organizer));
            for (JsonNode message : json.readTree(send(get("admin/api/notifications/outbox?limit=500", organizer)).body())) {
                Matcher found = link.matcher(message.path("text").asText());
                if (message.path("recipient").asText().equals(address) && found.find()) {
                    return base + found.group(1);
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError("no email link was sent to " + address);
    }

    /** The voting link's credential sent to this phone when voting opened. */
    private String credential(String electionId, String phone) throws Exception {
        Pattern link = Pattern.compile("vote\\.html#e=" + electionId + "&c=([A-Za-z0-9_-]{22})");
        String wanted = phone.replace(" ", "").substring(1);
        Instant deadline = Instant.now().plusSeconds(15);
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode message : json.readTree(send(get("admin/api/notifications/outbox?limit=500", organizer)).body())) {
                Matcher found = link.matcher(message.path("text").asText());
                if (message.path("recipient").asText().replaceAll("[^0-9]", "").endsWith(wanted) && found.find()) {
                    return found.group(1);
                }
            }
            send(post("admin/api/notifications/outbox/dispatch", "", organizer));
            Thread.sleep(500);
        }
        throw new AssertionError("no voting link was sent to " + phone);
    }

    private HttpResponse<String> bring(String electionId, String trustee, String name, String share, String purpose)
            throws Exception {
        String body = json.writeValueAsString(Map.of("purpose", purpose, "share", share,
                "passphrase", "passphrase of " + name));
        return send(post("admin/api/trustee/elections/" + electionId + "/shares", body, trustee));
    }

    private String account(String username, String role) throws Exception {
        HttpResponse<String> created = send(post("admin/api/accounts",
                "{\"username\":\"" + username + "\",\"roles\":[\"" + role + "\"]}", organizer));
        assertEquals(201, created.statusCode(), created.body());
        return basic(username, json.readTree(created.body()).get("password").asText());
    }

    private void waitForState(String electionId, String state, Instant deadline) throws Exception {
        String seen = null;
        while (Instant.now().isBefore(deadline)) {
            seen = json.readTree(send(get("admin/api/elections/" + electionId, organizer)).body()).get("state").asText();
            if (seen.equals(state)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("election " + electionId + " is " + seen + ", not " + state);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder get(String path, String authorization) {
        return authorized(HttpRequest.newBuilder(base.resolve(path)).GET(), authorization);
    }

    private HttpRequest.Builder post(String path, String body, String authorization) {
        return authorized(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)), authorization);
    }

    private HttpRequest.Builder put(String path, String body, String authorization) {
        return authorized(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)), authorization);
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder request, String authorization) {
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static URI baseFrom(String value) {
        return URI.create(value.endsWith("/") ? value : value + "/");
    }
}
