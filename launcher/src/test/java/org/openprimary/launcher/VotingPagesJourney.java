package org.openprimary.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
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
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openprimary.tally.control.RecordVerifier;

/**
 * The voting-day pages in Debian's Chromium, headless, on a 360 px wide phone screen: one election
 * set up through the APIs as PlatformIT does (three voters with a verified phone, three trustees
 * with a threshold of two, the seal, the rehearsal, a short voting window), then a voter opens
 * their link, asks for the code, grades every candidate (one of them by keyboard), is told which
 * grade is missing, checks their answers, casts, keeps the receipt and checks it; opening the link
 * again and casting is refused as already voted; a second voter does it all in English; after the
 * close, the count by two trustees and the publication, the result page shows the ranking, the
 * tables and a record that verifies.
 *
 * <p>The tests share the election and run in order (the voting window is open for the first two,
 * the third waits for the close). Screenshots of every step are written to
 * {@code target/voting-pages/}, and of a failure as {@code failed-<test>.png} with the page's HTML.
 * Where the platform runs is the subclass's business: {@link VotingPagesIT} deploys the EAR with
 * Arquillian, {@link VotingPagesOnRunningPlatform} uses one already running.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class VotingPagesJourney {

    static final String CHROMIUM = System.getProperty("openprimary.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("openprimary.chromedriver", "/usr/bin/chromedriver");
    private static final Path SHOTS = Path.of("target", "voting-pages");
    private static final String TITLE = "Primaire des pages";
    private static final List<String> CANDIDATES = List.of("Alice", "Bob", "Chloé");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String tag = "pages-" + HexFormat.of().formatHex(java.security.SecureRandom.getSeed(3));
    private final Map<String, String> passwords = new TreeMap<>();
    private final List<String> phones = new ArrayList<>();
    private final List<String> credentials = new ArrayList<>();
    private final Map<String, String> shares = new TreeMap<>();
    private final List<String> trustees = new ArrayList<>();
    private String organizer;
    private String election;
    private Instant closes;
    private String receipt;
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
                shoot(name);
                Files.writeString(SHOTS.resolve(name + ".html"), driver.getPageSource(), StandardCharsets.UTF_8);
            } catch (RuntimeException | IOException e) {
                cause.addSuppressed(e);
            }
        }
    };

    // ---------------------------------------------------------------- the election, through the APIs

    @BeforeAll
    void anElectionOpensForVoting() throws Exception {
        base = base();
        Files.createDirectories(SHOTS);
        organizer = basic("organizer", "it-organizer-password");
        String bailiff = account(tag + "-bailiff", "BAILIFF");
        election = json.readTree(send(post("admin/api/elections", "{\"title\":\"" + TITLE + "\",\"candidates\":[\""
                + String.join("\",\"", CANDIDATES) + "\"],\"requiredFactors\":[\"PHONE\"]}", organizer)).body())
                .get("id").asText();
        send(post("admin/api/elections/" + election + "/open-registration", "", organizer));
        // 06 40 to 06 58: valid French mobiles whatever the rest (libphonenumber refuses some other 06 blocks)
        String prefix = String.format("%02d%04d", 40 + new java.security.SecureRandom().nextInt(19),
                new java.security.SecureRandom().nextInt(10_000)).replaceAll("(..)(..)(..)", "$1 $2 $3");
        for (int i = 0; i < 3; i++) {
            String phone = "06 " + prefix + " " + (71 + 11 * i); // new numbers each run: codes are rate-limited per phone
            phones.add(phone);
            JsonNode registered = json.readTree(send(post("api/elections/" + election + "/registrants",
                    "{\"firstName\":\"Votante" + i + "\",\"lastName\":\"Pages\",\"phone\":\"" + phone
                            + "\",\"charterVersion\":\"1\",\"privacyVersion\":\"1\",\"language\":\"fr\"}", null)).body());
            HttpResponse<String> verified = send(post("api/registrants/" + registered.get("id").asText()
                    + "/phone/verify", "{\"code\":\"" + code(phone, Instant.EPOCH) + "\"}",
                    "Bearer " + registered.get("resumeToken").asText()));
            assertEquals("ON_ROLL", json.readTree(verified.body()).get("status").asText(), verified.body());
        }
        for (int i = 1; i <= 3; i++) {
            String name = tag + "-trustee-" + i;
            passwords.put(name, account(name, "TRUSTEE"));
            trustees.add(name);
        }
        assertEquals(200, send(put("admin/api/elections/" + election + "/trustees", "{\"trustees\":[\""
                + String.join("\",\"", trustees) + "\"],\"threshold\":2}", organizer)).statusCode());
        for (String trustee : trustees) {
            assertEquals(200, send(put("admin/api/trustee/elections/" + election + "/passphrase",
                    "{\"passphrase\":\"passphrase of " + trustee + "\"}", passwords.get(trustee))).statusCode());
        }
        Instant opens = Instant.now().plusSeconds(20);
        closes = opens.plusSeconds(Long.getLong("openprimary.pages.voting.seconds", 100));
        assertEquals(200, send(put("admin/api/elections/" + election + "/schedule", "{\"votingOpensAt\":\"" + opens
                + "\",\"votingClosesAt\":\"" + closes + "\"}", organizer)).statusCode());
        String fingerprint = json.readTree(send(post("admin/api/elections/" + election + "/seal/proposal", "",
                organizer)).body()).get("fingerprint").asText();
        HttpResponse<String> sealed = send(post("admin/api/bailiff/elections/" + election + "/seal",
                "{\"fingerprint\":\"" + fingerprint + "\"}", bailiff));
        assertEquals(200, sealed.statusCode(), sealed.body());
        for (String trustee : trustees) {
            HttpResponse<String> share = send(post("admin/api/trustee/elections/" + election + "/share/download", "",
                    passwords.get(trustee)));
            assertEquals(200, share.statusCode(), share.body());
            shares.put(trustee, share.body());
        }
        bring(trustees.get(0), "rehearsal");
        HttpResponse<String> rehearsed = bring(trustees.get(2), "rehearsal");
        assertEquals("REHEARSAL_PASSED", json.readTree(rehearsed.body()).get("status").asText(), rehearsed.body());

        waitForState("VOTING", opens.plusSeconds(20));
        send(post("admin/api/notifications/outbox/dispatch", "", organizer));
        Pattern link = Pattern.compile("vote\\.html#e=" + election + "&c=([A-Za-z0-9_-]{22})");
        String[] byVoter = new String[phones.size()];
        for (JsonNode message : json.readTree(send(get("admin/api/notifications/outbox?limit=500", organizer)).body())) {
            Matcher found = link.matcher(message.path("text").asText());
            String recipient = message.path("recipient").asText().replaceAll("[^0-9]", "");
            for (int i = 0; i < phones.size(); i++) {
                String phone = phones.get(i).replace(" ", "").substring(1);
                if (message.get("template").asText().equals("voting.opened") && found.find(0)
                        && recipient.endsWith(phone)) {
                    byVoter[i] = found.group(1);
                }
            }
        }
        credentials.addAll(List.of(byVoter));
        assertTrue(credentials.stream().allMatch(java.util.Objects::nonNull), "every voter got their link: " + credentials);
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

    // ---------------------------------------------------------------- the journeys

    @Test
    @Order(1)
    void aVoterGradesEveryCandidateChecksCastsKeepsAndChecksTheReceipt() throws Exception {
        driver.get(base + "vote.html#e=" + election + "&c=" + credentials.get(0));
        WebElement codeStep = visible("step-code");
        assertFalse(driver.getCurrentUrl().contains(credentials.get(0)), "the credential left the address bar");
        assertEquals("fr", driver.findElement(By.tagName("html")).getAttribute("lang"));
        assertEquals(TITLE, codeStep.findElement(By.tagName("h1")).getText());
        assertTrue(driver.findElement(By.id("closes")).getText().startsWith("Clôture du vote"), "when voting closes");
        assertEquals(CANDIDATES, codeStep.findElements(By.cssSelector("#candidate-list li")).stream()
                .map(WebElement::getText).toList());
        WebElement input = driver.findElement(By.id("code"));
        assertEquals("one-time-code", input.getAttribute("autocomplete"));
        assertEquals("numeric", input.getAttribute("inputmode"));
        assertFitsTheScreen();
        shoot("01-code");

        driver.findElement(By.cssSelector("#code-form button[type=submit]")).click();
        assertTrue(visible("code-error").getText().contains("Saisissez le code"), "an empty code is said next to it");

        Instant asked = Instant.now().minusSeconds(1);
        driver.findElement(By.id("send-sms")).click();
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("sent"), "Code envoyé par SMS à"));
        visible("not-received");
        assertFalse(driver.findElement(By.id("send-sms")).isDisplayed(), "then only \"not received?\" is offered");
        // by SMS the page says when the code was sent, as the registration page does: Twilio Verify reports no delivery
        assertFalse(driver.findElement(By.id("delivery")).isDisplayed(), "no delivery state for a code by SMS");
        HttpResponse<String> state = send(post("api/elections/" + election + "/ballot/code/status",
                "{\"credential\":\"" + credentials.get(0) + "\"}", null));
        assertEquals(200, state.statusCode(), state.body());
        assertEquals("{\"by\":\"phone\",\"state\":\"sent\"}", json.readTree(state.body()).toString(),
                "the voter's own code, nothing that identifies them");
        assertEquals(400, send(post("api/elections/" + election + "/ballot/code/status",
                "{\"credential\":\"" + "x".repeat(22) + "\"}", null)).statusCode(), "only for a voter's credential");
        input.sendKeys(code(phones.get(0), asked));
        shoot("02-code-sent");
        input.sendKeys(Keys.ENTER);

        WebElement ballot = visible("step-ballot");
        List<WebElement> candidates = ballot.findElements(By.cssSelector("fieldset.candidate"));
        assertEquals(3, candidates.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(CANDIDATES.get(i), candidates.get(i).findElement(By.tagName("legend")).getText());
            List<WebElement> radios = candidates.get(i).findElements(By.cssSelector("input[type=radio]"));
            assertEquals(List.of("Très bien", "Bien", "Assez bien", "Passable", "Insuffisant"),
                    radios.stream().map(r -> r.getAttribute("value")).toList(), "the scale, best first");
            assertTrue(radios.stream().noneMatch(WebElement::isSelected), "nothing pre-selected");
        }
        grade(0, "Très bien");
        grade(2, "Passable");
        shoot("03-ballot");
        submit("ballot-form");
        WebElement summary = visible("ballot-summary");
        assertTrue(summary.getText().contains("Choisissez une mention pour Bob"), summary.getText());
        assertTrue(visible("cand-1-error").getText().contains("Bob"), "the missing grade is said next to Bob");
        assertFalse(driver.findElement(By.id("cand-0-error")).isDisplayed());
        assertEquals("step-ballot", currentStep(), "no going on with a candidate ungraded");
        shoot("04-missing-grade");

        // Bob by keyboard: space selects the first grade, the down arrow moves to the next
        WebElement first = driver.findElement(By.id("c1g0"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].focus()", first);
        first.sendKeys(Keys.SPACE);
        driver.switchTo().activeElement().sendKeys(Keys.ARROW_DOWN);
        assertTrue(driver.findElement(By.id("c1g1")).isSelected(), "Bien chosen with the keyboard");
        assertFalse(driver.findElement(By.id("cand-1-error")).isDisplayed(), "the message goes once Bob is graded");
        submit("ballot-form");

        visible("step-check");
        assertEquals(List.of("Alice Très bien", "Bob Bien", "Chloé Passable"), answers());
        driver.findElements(By.cssSelector("#answers .change button")).get(2).click();
        visible("step-ballot");
        grade(2, "Assez bien");
        submit("ballot-form");
        visible("step-check");
        assertEquals(List.of("Alice Très bien", "Bob Bien", "Chloé Assez bien"), answers(), "changed from the review");
        assertFitsTheScreen();
        shoot("05-check");

        WebElement cast = driver.findElement(By.id("cast"));
        assertEquals("Je vote", cast.getText());
        cast.click();
        WebElement done = visible("step-done");
        assertEquals("Votre vote est dans l’urne", done.findElement(By.tagName("h1")).getText());
        receipt = driver.findElement(By.id("receipt")).getText();
        assertTrue(receipt.matches("[0-9a-f]{64}"), receipt);
        WebElement download = driver.findElement(By.id("download"));
        assertTrue(download.getAttribute("href").startsWith("blob:"), "the receipt downloads as a text file");
        assertTrue(download.getAttribute("download").endsWith(".txt"));
        driver.findElement(By.id("copy")).click();
        waitUntil(d -> !d.findElement(By.id("copied")).getText().isBlank());
        assertFitsTheScreen();
        shoot("06-done");
        JsonNode inBox = json.readTree(send(get("api/elections/" + election + "/receipts/" + receipt, null)).body());
        assertEquals(receipt, inBox.get("receipt").asText(), "the receipt shown is the box's");

        driver.findElement(By.id("check-link")).click();
        WebElement answer = waitUntil(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#answer .success")));
        assertTrue(answer.getText().contains("Votre bulletin est dans l’urne"), answer.getText());
        assertEquals(election, new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("election")))
                .getFirstSelectedOption().getAttribute("value"));
        waitForReceiptPosition();
        assertFitsTheScreen();
        shoot("07-receipt-in-box");

        WebElement typed = driver.findElement(By.id("receipt"));
        typed.clear();
        typed.sendKeys("abc123");
        submit("receipt-form");
        assertTrue(visible("receipt-error").getText().contains("64 caractères"), "a short receipt is said next to it");
        typed.clear();
        typed.sendKeys("0".repeat(64));
        submit("receipt-form");
        WebElement missing = waitUntil(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#answer .notice")));
        assertTrue(missing.getText().contains("Aucun bulletin avec ce reçu"), missing.getText());
        shoot("08-receipt-not-found");

        // The same link again, on another visit: the ballot is refused as already cast
        ((JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
        driver.get(base + "vote.html#e=" + election + "&c=" + credentials.get(0));
        visible("step-code");
        driver.findElement(By.id("code")).sendKeys("123456", Keys.ENTER);
        visible("step-ballot");
        grade(0, "Insuffisant");
        grade(1, "Insuffisant");
        grade(2, "Insuffisant");
        submit("ballot-form");
        visible("step-check");
        driver.findElement(By.id("cast")).click();
        WebElement refused = visible("step-stop");
        assertEquals("Vous avez déjà voté", refused.findElement(By.tagName("h1")).getText());
        shoot("09-already-voted");

        // Another voter's link opened in the same tab changes only the fragment (no page load): the
        // page starts again from it and keeps nothing of the first voter (their code, their refusal)
        JavascriptExecutor page = (JavascriptExecutor) driver;
        page.executeScript("window.samePage = true; window.location.href = arguments[0]",
                base + "vote.html#e=" + election + "&c=" + credentials.get(2));
        WebElement second = visible("step-code");
        assertEquals(Boolean.TRUE, page.executeScript("return window.samePage === true"), "the same page, not a new load");
        assertFalse(driver.findElement(By.id("step-stop")).isDisplayed(), "the first voter's refusal is gone");
        assertFalse(driver.getCurrentUrl().contains(credentials.get(2)), "the second credential left the address bar");
        assertEquals(credentials.get(2), page.executeScript(
                "return JSON.parse(sessionStorage.getItem('openprimary.vote')).c"), "the tab keeps the second voter only");
        assertEquals("", driver.findElement(By.id("code")).getAttribute("value"), "not the first voter's code");
        assertTrue(driver.findElement(By.id("send-sms")).isDisplayed(), "the second voter has not asked for a code");
        assertEquals(TITLE, second.findElement(By.tagName("h1")).getText());
        assertEquals(1, json.readTree(send(get("api/elections/" + election + "/turnout", null)).body())
                .get("ballots").asLong(), "still one ballot");
    }

    @Test
    @Order(2)
    void theLanguageSwitchesToEnglishOnEveryPage() throws Exception {
        driver.get(base + "vote.html#e=" + election + "&c=" + credentials.get(1));
        visible("step-code");
        WebElement send = driver.findElement(By.id("send-sms"));
        assertEquals("Envoyez-moi le code", send.getText());
        WebElement language = driver.findElement(By.id("lang"));
        assertEquals("English", language.getText());
        language.click();
        assertEquals("en", driver.findElement(By.tagName("html")).getAttribute("lang"));
        assertEquals("Send me the code", send.getText());
        assertEquals("Français", driver.findElement(By.id("lang")).getText(), "the way back is offered");
        assertEquals("Step 1 of 3", driver.findElement(By.id("progress")).getText());
        Instant asked = Instant.now().minusSeconds(1);
        send.click();
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("sent"), "Code sent by SMS at"));
        assertTrue(driver.findElement(By.id("call-me")).getText().contains("Call me instead"));
        shoot("10-en-code");
        driver.findElement(By.id("code")).sendKeys(code(phones.get(1), asked), Keys.ENTER);

        visible("step-ballot");
        assertEquals("Your ballot", driver.findElement(By.cssSelector("#step-ballot h1")).getText());
        grade(1, "Bien");
        grade(2, "Insuffisant");
        submit("ballot-form");
        assertTrue(visible("cand-0-error").getText().contains("Choose a grade for Alice"));
        driver.findElement(By.id("lang")).click();
        assertTrue(visible("cand-0-error").getText().contains("Choisissez une mention pour Alice"),
                "messages on the page follow the switch");
        driver.findElement(By.id("lang")).click();
        grade(0, "Bien");
        submit("ballot-form");
        visible("step-check");
        assertEquals("Check your answers", driver.findElement(By.cssSelector("#step-check h1")).getText());
        WebElement cast = driver.findElement(By.id("cast"));
        assertEquals("Cast my vote", cast.getText());
        shoot("11-en-check");
        cast.click();
        assertEquals("Your vote is in the ballot box", visible("step-done").findElement(By.tagName("h1")).getText());
        shoot("12-en-done");

        driver.findElement(By.id("check-link")).click();
        WebElement answer = waitUntil(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#answer .success")));
        assertTrue(answer.getText().contains("Your ballot is in the ballot box"), "the choice follows to the next page");
        driver.findElement(By.id("lang")).click();
        assertTrue(driver.findElement(By.cssSelector("#answer .success")).getText()
                .contains("Votre bulletin est dans l’urne"), "and switches back there");
        driver.findElement(By.id("lang")).click();

        driver.get(base + "result.html#e=" + election);
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "not published yet"));
        driver.get(base.toString());
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Voting and results"));
        WebElement ours = waitUntil(d -> d.findElements(By.cssSelector("#voting li")).stream()
                .filter(li -> !li.findElements(By.cssSelector("a[href='receipt.html#e=" + election + "']")).isEmpty())
                .findFirst().orElse(null));
        assertTrue(ours.getText().contains("Voting is open"), ours.getText());
        assertEquals("Check a receipt", ours.findElement(By.tagName("a")).getText());
        shoot("14-en-home");
    }

    @Test
    @Order(3)
    void afterTheCountThePublishedResultShowsTheRankingTheTablesAndAVerifiableRecord() throws Exception {
        castByApi(2, List.of("Passable", "Très bien", "Bien"));
        waitForState("CLOSED", closes.plusSeconds(20));
        bring(trustees.get(1), "count");
        HttpResponse<String> counting = bring(trustees.get(2), "count");
        assertEquals("COUNTING", json.readTree(counting.body()).get("status").asText(), counting.body());
        waitForState("COUNTED", Instant.now().plusSeconds(30));
        assertEquals(200, send(post("admin/api/elections/" + election + "/publish", "", organizer)).statusCode());

        driver.get(base + "result.html#e=" + election);
        visible("result");
        assertEquals("Résultat : " + TITLE, driver.findElement(By.tagName("h1")).getText().replace('\u00a0', ' '));
        assertTrue(driver.findElement(By.id("turnout")).getText().replace('\u00a0', ' ').replace('\u202f', ' ')
                .contains("3 votes comptés pour 3 électeurs inscrits : participation de 100,00 %"),
                driver.findElement(By.id("turnout")).getText());
        // Alice: Très bien, Bien, Passable; Bob: Bien, Bien, Très bien; Chloé: Assez bien, Insuffisant, Bien
        List<String> ranking = driver.findElements(By.cssSelector("#ranking-rows tr")).stream()
                .map(r -> r.getText().replaceAll("\\s+", " ")).toList();
        assertEquals(List.of("1 Bob Bien +", "2 Alice Bien −", "3 Chloé Assez bien −"), ranking);
        List<WebElement> tables = driver.findElements(By.cssSelector("#profiles table"));
        assertEquals(3, tables.size());
        assertEquals("Votes pour Bob, par mention", tables.get(0).findElement(By.tagName("caption")).getText());
        List<String> bob = tables.get(0).findElements(By.cssSelector("tbody tr")).stream()
                .map(r -> r.getText().replaceAll("[\\s\u00a0\u202f]+", " ")).toList();
        assertEquals(List.of("Très bien 1 33,3 %", "Bien (mention majoritaire) 2 66,7 %", "Assez bien 0 0,0 %",
                "Passable 0 0,0 %", "Insuffisant 0 0,0 %"), bob);
        String ties = driver.findElement(By.id("ties")).getText();
        assertTrue(ties.contains("Bob et Alice ont la même mention majoritaire, Bien") && ties.contains("après un retrait"),
                ties);
        assertFitsTheScreen();
        shoot("13-result");

        String record = driver.findElement(By.id("record")).getAttribute("href");
        HttpResponse<byte[]> downloaded = http.send(HttpRequest.newBuilder(URI.create(record)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, downloaded.statusCode());
        assertTrue(RecordVerifier.verify(new ByteArrayInputStream(downloaded.body())).verified(),
                "the record behind the page's link verifies");
        assertTrue(driver.findElement(By.id("verify-command")).getText().contains("verify record-" + election + ".json"));

        driver.findElement(By.id("lang")).click();
        assertEquals("Rank", driver.findElement(By.cssSelector("#ranking thead th")).getText());
        assertEquals("Votes for Bob, per grade", tables.get(0).findElement(By.tagName("caption")).getText());

        driver.get(base + "receipt.html#e=" + election + "&r=" + receipt);
        WebElement answer = waitUntil(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#answer .success")));
        assertTrue(answer.getText().contains("public record"), "after publication the receipt page says so");
    }

    // ---------------------------------------------------------------- the browser

    private ChromeDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--lang=fr-FR", "--window-size=360,800");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "fr-FR,fr"));
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
        return new WebDriverWait(driver, Duration.ofSeconds(15))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
    }

    private String currentStep() {
        return driver.findElements(By.cssSelector("main > section")).stream().filter(WebElement::isDisplayed)
                .map(s -> s.getAttribute("id")).findFirst().orElse("");
    }

    private void grade(int candidate, String grade) {
        driver.findElement(By.cssSelector("#cand-" + candidate + " input[value='" + grade + "']"))
                .findElement(By.xpath("./parent::label")).click();
    }

    private void submit(String form) {
        driver.findElement(By.cssSelector("#" + form + " button[type=submit]")).click();
    }

    private List<String> answers() {
        return driver.findElements(By.cssSelector("#answers .answer")).stream()
                .map(row -> row.findElement(By.tagName("dt")).getText() + " "
                        + row.findElement(By.cssSelector(".grade-given")).getText())
                .toList();
    }

    private void waitForReceiptPosition() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            String text = driver.findElement(By.id("answer")).getText();
            if (text.matches("(?s).*à la position \\d+ du registre.*")) {
                return;
            }
            Thread.sleep(1000);
            submit("receipt-form");
            waitUntil(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#answer .success")));
        }
        throw new AssertionError("the receipt was never chained: " + driver.findElement(By.id("answer")).getText());
    }

    /** Nothing wider than the phone's screen, at 360 px and at 320 px. */
    private void assertFitsTheScreen() {
        for (int width : new int[] {320, 360}) {
            metrics(width, 800);
            long scroll = ((Number) ((JavascriptExecutor) driver)
                    .executeScript("return document.documentElement.scrollWidth")).longValue();
            assertTrue(scroll <= width, "the page is " + scroll + " px wide on a " + width + " px screen");
        }
    }

    private void metrics(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", true));
    }

    /** The whole page at 360 px wide: the screen's height first, then the full length. */
    void shoot(String name) {
        try {
            metrics(360, 800);
            Files.write(SHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
            long height = ((Number) ((JavascriptExecutor) driver)
                    .executeScript("return document.documentElement.scrollHeight")).longValue();
            if (height > 800) {
                metrics(360, (int) Math.min(height, 6000));
                Files.write(SHOTS.resolve(name + "-full.png"), driver.getScreenshotAs(OutputType.BYTES));
                metrics(360, 800);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- the APIs, as PlatformIT uses them

    private void castByApi(int voter, List<String> grades) throws Exception {
        Instant asked = Instant.now().minusSeconds(1);
        assertEquals(202, send(post("api/elections/" + election + "/ballot/code",
                "{\"credential\":\"" + credentials.get(voter) + "\"}", null)).statusCode());
        HttpResponse<String> cast = send(post("api/elections/" + election + "/ballots", "{\"credential\":\""
                + credentials.get(voter) + "\",\"code\":\"" + code(phones.get(voter), asked) + "\",\"grades\":[\""
                + String.join("\",\"", grades) + "\"]}", null));
        assertEquals(201, cast.statusCode(), cast.body());
    }

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

    private HttpResponse<String> bring(String trustee, String purpose) throws Exception {
        String body = json.writeValueAsString(Map.of("purpose", purpose, "share", shares.get(trustee),
                "passphrase", "passphrase of " + trustee));
        return send(post("admin/api/trustee/elections/" + election + "/shares", body, passwords.get(trustee)));
    }

    private String account(String username, String role) throws Exception {
        HttpResponse<String> created = send(post("admin/api/accounts",
                "{\"username\":\"" + username + "\",\"roles\":[\"" + role + "\"]}", organizer));
        assertEquals(201, created.statusCode(), created.body());
        return basic(username, json.readTree(created.body()).get("password").asText());
    }

    private void waitForState(String state, Instant deadline) throws Exception {
        String seen = null;
        while (Instant.now().isBefore(deadline)) {
            seen = json.readTree(send(get("admin/api/elections/" + election, organizer)).body()).get("state").asText();
            if (seen.equals(state)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("election " + election + " is " + seen + ", not " + state);
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
