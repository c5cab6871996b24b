package org.openprimary.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the console's browser tests need: one headless Chromium per person (each their own cookies
 * and download folder, the flags of {@link VotingPagesJourney}), the sign-in with a TOTP code
 * computed from the secret the page shows (never twice from the same 30-second step, as the server
 * refuses a replayed code), the console's forms, and the admin and public APIs over HTTP for what
 * citizens do (register, vote). A failed test leaves every open browser's picture and HTML in
 * {@code target/screenshots/}.
 */
abstract class AdminConsoleJourney {

    static final String CHROMIUM = System.getProperty("openprimary.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("openprimary.chromedriver", "/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target", "screenshots");
    static final Path DOWNLOADS = Path.of("target", "console-downloads");
    static final String TITLE = "Primaire de la console";
    static final List<String> CANDIDATES = List.of("Alice", "Bob", "Chloé");
    /** Seconds from setting the schedule to the opening: enough for the seal, three downloads and the rehearsal. */
    static final long VOTING_OPENS_IN = Long.getLong("openprimary.console.opens.seconds", 150);
    static final long VOTING_LASTS = Long.getLong("openprimary.console.voting.seconds", 45);

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final ObjectMapper json = new ObjectMapper();
    final String tag = "console-" + HexFormat.of().formatHex(java.security.SecureRandom.getSeed(3));
    final String organizerBasic = basic("organizer", "it-organizer-password");
    private final List<Person> people = new ArrayList<>();
    private final Map<String, Long> usedSteps = new TreeMap<>();
    private final Map<String, List<String>> phones = new TreeMap<>();
    private final Map<String, List<String>> credentials = new TreeMap<>();
    private URI base;

    /** Where the platform answers. */
    abstract URI base();

    @RegisterExtension
    final AfterTestExecutionCallback keepFailures = context -> {
        Throwable cause = context.getExecutionException().orElse(null);
        if (cause == null) {
            return;
        }
        Files.createDirectories(SHOTS);
        for (Person person : people) {
            String name = context.getRequiredTestMethod().getName() + "-" + person.username;
            try {
                Files.write(SHOTS.resolve(name + ".png"), person.driver.getScreenshotAs(OutputType.BYTES));
                Files.writeString(SHOTS.resolve(name + ".html"), person.driver.getPageSource(), StandardCharsets.UTF_8);
            } catch (RuntimeException | IOException e) {
                cause.addSuppressed(e);
            }
        }
    };

    @BeforeEach
    void where() {
        base = base();
    }

    @AfterEach
    void closeTheBrowsers() {
        people.forEach(p -> p.driver.quit());
        people.clear();
    }

    // ---------------------------------------------------------------- people in their browsers

    /** A person with their own browser, at no page yet. */
    Person person(String username) throws IOException {
        Path downloads = DOWNLOADS.resolve(username).toAbsolutePath();
        Files.createDirectories(downloads);
        try (var old = Files.list(downloads)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--lang=fr-FR", "--window-size=1280,1000");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "fr-FR,fr",
                "download.default_directory", downloads.toString(), "download.prompt_for_download", false,
                "safebrowsing.enabled", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                "downloadPath", downloads.toString()));
        Person person = new Person(username, driver, downloads);
        people.add(person);
        return person;
    }

    /** Signs in for the first time: the password, the enrolment (a new password when one was given), the code. */
    Person signInFirstTime(String username, String password) throws Exception {
        Person person = person(username);
        person.open("admin/");
        person.type("signin-username", username);
        person.type("signin-password", password);
        person.click("signin-submit");
        String secret = person.enrolmentSecret();
        if (person.driver.findElement(By.id("new-password-fields")).isDisplayed()) {
            person.type("new-password", "a password of " + username);
            person.type("new-password-again", "a password of " + username);
        }
        person.type("enrol-code", codeFor(username, secret, true));
        person.click("enrol-submit");
        person.waitForText("who-name", username);
        return person;
    }

    /**
     * The code an authenticator app shows for the secret; when it is to be used, never one of a step
     * already used by this account (the server accepts the neighbouring steps, no step twice).
     */
    String codeFor(String username, String secret, boolean use) throws Exception {
        long step = Math.floorDiv(System.currentTimeMillis() / 1000, 30);
        long last = usedSteps.getOrDefault(username, Long.MIN_VALUE);
        if (use && last >= step) {
            step = last + 1;
            while (step > Math.floorDiv(System.currentTimeMillis() / 1000, 30) + 1) {
                Thread.sleep(1000);
            }
        }
        if (use) {
            usedSteps.put(username, step);
        }
        return new dev.samstevens.totp.code.DefaultCodeGenerator().generate(secret, step);
    }

    static String wrong(String code) {
        return String.format("%06d", (Integer.parseInt(code) + 500_000) % 1_000_000);
    }

    /** One person's browser and what they do in the console. */
    final class Person {

        final String username;
        final ChromeDriver driver;
        final Path downloads;

        Person(String username, ChromeDriver driver, Path downloads) {
            this.username = username;
            this.driver = driver;
            this.downloads = downloads;
        }

        void open(String path) {
            driver.get(base + path);
        }

        void reload() {
            driver.navigate().refresh();
            visible(By.cssSelector("#page:not([hidden]), #signin:not([hidden])"));
        }

        WebElement visible(String id) {
            return visible(By.id(id));
        }

        WebElement visible(By by) {
            return waitUntil(ExpectedConditions.visibilityOfElementLocated(by));
        }

        void waitUntilHidden(String id) {
            waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id(id)));
        }

        void type(String id, String text) {
            WebElement input = visible(id);
            input.clear();
            input.sendKeys(text);
        }

        /** Clicks the element, found again should the page replace it between the wait and the click (a list's refresh). */
        void click(String id) {
            waitUntil(d -> {
                WebElement element = ExpectedConditions.elementToBeClickable(By.id(id)).apply(d);
                if (element == null) {
                    return null;
                }
                try {
                    element.click();
                    return Boolean.TRUE;
                } catch (org.openqa.selenium.StaleElementReferenceException replaced) {
                    return null;
                }
            });
        }

        void submitForm(String form) {
            waitUntil(ExpectedConditions.elementToBeClickable(By.cssSelector("#" + form + " button[type=submit]"))).click();
        }

        void waitForText(String id, String text) {
            try {
                waitUntil(d -> {
                    List<WebElement> found = d.findElements(By.id(id));
                    return !found.isEmpty() && found.get(0).getText().replace('\u00a0', ' ').contains(text);
                });
            } catch (org.openqa.selenium.TimeoutException e) {
                List<WebElement> found = driver.findElements(By.id(id));
                throw new AssertionError("#" + id + " never said \"" + text + "\" but \""
                        + (found.isEmpty() ? "(absent)" : found.get(0).getText()) + "\"", e);
            }
        }

        void waitForAttribute(String id, String attribute, String value) {
            try {
                waitUntil(ExpectedConditions.attributeToBe(By.id(id), attribute, value));
            } catch (org.openqa.selenium.TimeoutException e) {
                throw new AssertionError("#" + id + " is " + driver.findElement(By.id(id)).getAttribute(attribute)
                        + " (" + driver.findElement(By.id(id)).getText() + "), not " + value, e);
            }
        }

        void waitForState(String state) {
            waitForAttribute("state", "data-state", state);
        }

        /** The enrolment's secret, shown as text for manual entry (in groups of four). */
        String enrolmentSecret() {
            WebElement secret = visible("secret");
            String shown = secret.getText().replace(" ", "");
            assertEquals(secret.getAttribute("data-secret"), shown);
            assertTrue(shown.matches("[A-Z2-7]{16,}"), shown);
            return shown;
        }

        boolean qrCodeShows() {
            WebElement qr = visible("qr");
            waitUntil(d -> (Boolean) ((JavascriptExecutor) d).executeScript("return arguments[0].complete", qr));
            assertTrue(!qr.getAttribute("alt").isBlank(), "the QR code says what it is");
            return ((Number) driver.executeScript("return arguments[0].naturalWidth", qr)).intValue() > 0;
        }

        /** Creates an account on the accounts page; returns its first password, shown once. */
        String createAccount(String name, String role) {
            open("admin/accounts.html");
            type("username", name);
            visible(By.cssSelector("input[name=role][value=" + role + "]")).click();
            click("create-account");
            waitForText("created-line", name);
            return driver.findElement(By.id("created-password")).getText();
        }

        /** Drafts an election whose voters prove their phone only; returns its id. */
        String draftElection(String title, List<String> candidates) {
            open("admin/elections.html");
            visible("create-form");
            type("title", title);
            type("candidates", String.join("\n", candidates));
            WebElement email = driver.findElement(By.cssSelector("input[name=factor][value=EMAIL]"));
            if (email.isSelected()) {
                email.click();
            }
            click("create-submit");
            waitUntil(ExpectedConditions.urlContains("election.html#e="));
            String id = driver.getCurrentUrl().replaceAll("^.*#e=", "");
            waitForState("DRAFT");
            assertEquals(title, driver.findElement(By.id("election-title")).getText());
            return id;
        }

        /** Sets the schedule's inputs (datetime-local, in the browser's time zone) and saves it. */
        void schedule(Instant opens, Instant closes) {
            String local = "var d = new Date(arguments[1]); var p = function (n) { return String(n).padStart(2, '0'); };"
                    + " arguments[0].value = d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate()) + 'T'"
                    + " + p(d.getHours()) + ':' + p(d.getMinutes()) + ':' + p(d.getSeconds());";
            driver.executeScript(local, visible("opens-at"), opens.toString());
            driver.executeScript(local, visible("closes-at"), closes.toString());
            click("save-schedule");
        }

        /** The file the browser saved, once complete. */
        Path downloaded(String name) throws Exception {
            Path file = downloads.resolve(name);
            Instant deadline = Instant.now().plusSeconds(15);
            while (Instant.now().isBefore(deadline)) {
                if (Files.exists(file) && Files.size(file) > 0 && !Files.exists(downloads.resolve(name + ".crdownload"))) {
                    return file;
                }
                Thread.sleep(200);
            }
            try (var listed = Files.list(downloads)) {
                throw new AssertionError("no " + name + " in " + downloads + ": " + listed.toList());
            }
        }

        /** Brings the share's file with the passphrase, to the rehearsal or the count (the state decides). */
        void bringShare(Path file, String passphrase) {
            visible("bring-form");
            driver.findElement(By.id("share-file")).sendKeys(file.toAbsolutePath().toString());
            type("bring-passphrase", passphrase);
            click("bring-share");
            waitUntil(d -> d.findElement(By.id("bring-share")).isEnabled());
        }

        /** A picture of the whole page as it is now, in target/screenshots/console-pages/. */
        void shoot(String name) throws IOException {
            Path dir = SHOTS.resolve("console-pages");
            Files.createDirectories(dir);
            long height = ((Number) driver.executeScript("return document.documentElement.scrollHeight")).longValue();
            org.openqa.selenium.Dimension size = driver.manage().window().getSize();
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(size.getWidth(), (int) Math.min(height + 100, 8000)));
            Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
            driver.manage().window().setSize(size);
        }

        /** Chooses a radio button or checkbox (by its id) if it is not chosen yet. */
        void choose(String id) {
            WebElement input = waitUntil(ExpectedConditions.elementToBeClickable(By.id(id)));
            if (!input.isSelected()) {
                input.click();
            }
        }

        /** The page's fragment parameter (#e=...&c=...). */
        String fragment(String name) {
            Matcher found = Pattern.compile("[#&]" + name + "=([^&]*)").matcher(driver.getCurrentUrl());
            assertTrue(found.find(), "no " + name + " in " + driver.getCurrentUrl());
            return found.group(1);
        }

        /**
         * axe-core on the page as it is now (not inside frames: a sandboxed preview runs no script, and
         * its content is the server's email, not the console): its serious and critical violations, and
         * a page wider than its window. Every violation is printed.
         */
        List<String> axe(String where) {
            List<String> bad = new ArrayList<>();
            long width = ((Number) driver.executeScript("return document.documentElement.scrollWidth")).longValue();
            long window = ((Number) driver.executeScript("return window.innerWidth")).longValue();
            if (width > window) {
                bad.add(where + ": the page is " + width + " px wide in a " + window + " px window");
            }
            Results results = new AxeBuilder().disableIframeTesting().analyze(driver);
            assertTrue(!results.isErrored(), "axe-core ran on " + where + ": " + results.getErrorMessage());
            for (Rule rule : results.getViolations()) {
                System.out.println("[axe] " + where + ": " + rule.getImpact() + " " + rule.getId() + " (" + rule.getHelp()
                        + ") on " + rule.getNodes().stream().map(n -> String.valueOf(n.getTarget())).toList());
                if ("serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact())) {
                    bad.add(where + ": " + rule.getImpact() + " " + rule.getId() + " (" + rule.getHelp() + ") on "
                            + rule.getNodes().stream().map(n -> String.valueOf(n.getTarget())).toList());
                }
            }
            System.out.println("[axe] " + where + ": " + results.getPasses().size() + " rules passed, "
                    + results.getViolations().size() + " violated");
            return bad;
        }

        <T> T waitUntil(java.util.function.Function<? super org.openqa.selenium.WebDriver, T> condition) {
            return new WebDriverWait(driver, Duration.ofSeconds(20))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
        }
    }

    // ---------------------------------------------------------------- the APIs, as PlatformIT uses them

    /** An account made by the bootstrap organizer over the API; returns its first password. */
    String accountByApi(String username, String... roles) throws Exception {
        HttpResponse<String> created = send(post("admin/api/accounts", json.writeValueAsString(
                Map.of("username", username, "roles", List.of(roles))), organizerBasic));
        assertEquals(201, created.statusCode(), created.body());
        return json.readTree(created.body()).get("password").asText();
    }

    /** Voters register over the public API and verify their phone (new numbers each run). */
    void registerVoters(String election, int count) throws Exception {
        // 06 40 to 06 58: valid French mobiles whatever the rest (libphonenumber refuses some other 06 blocks)
        String prefix = String.format("%02d%04d", 40 + new java.security.SecureRandom().nextInt(19),
                new java.security.SecureRandom().nextInt(10_000)).replaceAll("(..)(..)(..)", "$1 $2 $3");
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String phone = "06 " + prefix + " " + (13 + 21 * i);
            numbers.add(phone);
            JsonNode registered = json.readTree(send(post("api/elections/" + election + "/registrants",
                    "{\"firstName\":\"Votant" + i + "\",\"lastName\":\"Console\",\"phone\":\"" + phone
                            + "\",\"charterVersion\":\"1\",\"privacyVersion\":\"1\",\"language\":\"fr\"}", null)).body());
            HttpResponse<String> verified = send(post("api/registrants/" + registered.get("id").asText() + "/phone/verify",
                    "{\"code\":\"" + phoneCode(phone, Instant.EPOCH) + "\"}",
                    "Bearer " + registered.get("resumeToken").asText()));
            assertEquals("ON_ROLL", json.readTree(verified.body()).get("status").asText(), verified.body());
        }
        phones.put(election, numbers);
    }

    /**
     * One named citizen registers over the public API and verifies their phone: on the roll. Returns
     * their registration ({@code id}, {@code resumeToken}, {@code helpCode}) and, as {@code phone},
     * the number they gave.
     */
    com.fasterxml.jackson.databind.node.ObjectNode registerNamedVoter(String election, String firstName, String lastName)
            throws Exception {
        String phone = String.format("06 %02d %02d %02d %02d", 40 + new java.security.SecureRandom().nextInt(19),
                new java.security.SecureRandom().nextInt(100), new java.security.SecureRandom().nextInt(100),
                10 + new java.security.SecureRandom().nextInt(90));
        Instant asked = Instant.now().minusSeconds(2);
        HttpResponse<String> created = send(post("api/elections/" + election + "/registrants", json.writeValueAsString(
                Map.of("firstName", firstName, "lastName", lastName, "phone", phone, "charterVersion", "1",
                        "privacyVersion", "1", "language", "fr")), null));
        assertEquals(201, created.statusCode(), created.body());
        com.fasterxml.jackson.databind.node.ObjectNode registered =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(created.body());
        HttpResponse<String> verified = send(post("api/registrants/" + registered.get("id").asText() + "/phone/verify",
                "{\"code\":\"" + phoneCode(phone, asked) + "\"}", "Bearer " + registered.get("resumeToken").asText()));
        assertEquals("ON_ROLL", json.readTree(verified.body()).get("status").asText(), verified.body());
        registered.put("phone", phone);
        return registered;
    }

    /** A voter casts over the public API with the code sent to their phone. */
    void castByApi(String election, int voter, List<String> grades) throws Exception {
        String credential = credential(election, voter);
        Instant asked = Instant.now().minusSeconds(1);
        assertEquals(202, send(post("api/elections/" + election + "/ballot/code",
                "{\"credential\":\"" + credential + "\"}", null)).statusCode());
        HttpResponse<String> cast = send(post("api/elections/" + election + "/ballots", "{\"credential\":\"" + credential
                + "\",\"code\":\"" + phoneCode(phones.get(election).get(voter), asked) + "\",\"grades\":[\""
                + String.join("\",\"", grades) + "\"]}", null));
        assertEquals(201, cast.statusCode(), cast.body());
    }

    /** The voting link's credential sent to this voter when voting opened (from the outbox). */
    private String credential(String election, int voter) throws Exception {
        if (!credentials.containsKey(election)) {
            List<String> numbers = phones.get(election);
            Pattern link = Pattern.compile("vote\\.html#e=" + election + "&c=([A-Za-z0-9_-]{22})");
            String[] byVoter = new String[numbers.size()];
            Instant deadline = Instant.now().plusSeconds(30);
            while (java.util.Arrays.asList(byVoter).contains(null) && Instant.now().isBefore(deadline)) {
                send(post("admin/api/notifications/outbox/dispatch", "", organizerBasic));
                for (JsonNode message : json.readTree(send(get("admin/api/notifications/outbox?limit=500",
                        organizerBasic)).body())) {
                    Matcher found = link.matcher(message.path("text").asText());
                    String recipient = message.path("recipient").asText().replaceAll("[^0-9]", "");
                    for (int i = 0; i < numbers.size(); i++) {
                        if (found.find(0) && recipient.endsWith(numbers.get(i).replace(" ", "").substring(1))) {
                            byVoter[i] = found.group(1);
                        }
                    }
                }
                Thread.sleep(300);
            }
            assertTrue(!java.util.Arrays.asList(byVoter).contains(null), "every voter got their link");
            credentials.put(election, List.of(byVoter));
        }
        return credentials.get(election).get(voter);
    }

    /** The newest unused code the console stand-in sent to this phone since a moment. */
    private String phoneCode(String phone, Instant since) throws Exception {
        String digits = phone.replace(" ", "");
        String masked = "+33*******" + digits.substring(digits.length() - 2);
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode sent : json.readTree(send(get("admin/api/console/codes", organizerBasic)).body())) {
                if (sent.get("phone").asText().equals(masked) && !sent.get("used").asBoolean()
                        && !Instant.parse(sent.get("sentAt").asText()).isBefore(since)) {
                    return sent.get("code").asText();
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError("no code was sent to " + masked + " since " + since);
    }

    /**
     * An election of the given organizer, over the API with their first password: registration
     * open, one voter on the roll, one trustee (threshold 1) with a passphrase, voting scheduled far ahead; ready for the seal.
     */
    String electionReadyToSeal(String organizer, String password, String trustee, String trusteePassword)
            throws Exception {
        String auth = basic(organizer, password);
        HttpResponse<String> created = send(post("admin/api/elections", "{\"title\":\"Primaire à deux\","
                + "\"candidates\":[\"A\",\"B\"],\"requiredFactors\":[\"PHONE\"]}", auth));
        assertEquals(201, created.statusCode(), created.body());
        String election = json.readTree(created.body()).get("id").asText();
        assertEquals(200, send(post("admin/api/elections/" + election + "/open-registration", "", auth)).statusCode());
        registerVoters(election, 1);
        assertEquals(200, send(put("admin/api/elections/" + election + "/trustees", "{\"trustees\":[\"" + trustee
                + "\"],\"threshold\":1}", auth)).statusCode());
        assertEquals(200, send(put("admin/api/trustee/elections/" + election + "/passphrase",
                "{\"passphrase\":\"passphrase of " + trustee + "\"}", basic(trustee, trusteePassword))).statusCode());
        assertEquals(200, send(put("admin/api/elections/" + election + "/schedule", "{\"votingOpensAt\":"
                + "\"2099-01-14T08:00:00+01:00\",\"votingClosesAt\":\"2099-01-17T17:00:00+01:00\"}", auth)).statusCode());
        return election;
    }

    String state(String election) throws Exception {
        return json.readTree(send(get("admin/api/elections/" + election, organizerBasic)).body()).get("state").asText();
    }

    void waitForState(String election, String state, Instant deadline) throws Exception {
        String seen = null;
        while (Instant.now().isBefore(deadline)) {
            seen = state(election);
            if (seen.equals(state)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("election " + election + " is " + seen + ", not " + state);
    }

    JsonNode publishedResult(String election) throws Exception {
        HttpResponse<String> result = send(get("api/elections/" + election + "/result", null));
        assertEquals(200, result.statusCode(), result.body());
        return json.readTree(result.body());
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder get(String path, String authorization) {
        return authorized(HttpRequest.newBuilder(base.resolve(path)).GET(), authorization);
    }

    HttpRequest.Builder post(String path, String body, String authorization) {
        return authorized(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)), authorization);
    }

    HttpRequest.Builder put(String path, String body, String authorization) {
        return authorized(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)), authorization);
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder request, String authorization) {
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A citizen registers over the public API with a phone and an email, verifying neither; the
     * outbox is dispatched so their email link is sent. Returns the registration's answer (its
     * {@code helpCode} among it).
     */
    JsonNode registerUnverified(String election, String email) throws Exception {
        String phone = "06 " + String.format("%02d%04d", 40 + new java.security.SecureRandom().nextInt(19),
                new java.security.SecureRandom().nextInt(10_000)).replaceAll("(..)(..)(..)", "$1 $2 $3") + " 77";
        HttpResponse<String> registered = send(post("api/elections/" + election + "/registrants",
                "{\"firstName\":\"Dominique\",\"lastName\":\"Hotline\",\"phone\":\"" + phone + "\",\"email\":\""
                        + email + "\",\"charterVersion\":\"1\",\"privacyVersion\":\"1\",\"language\":\"fr\"}", null));
        assertEquals(201, registered.statusCode(), registered.body());
        assertEquals(200, send(post("admin/api/notifications/outbox/dispatch", "", organizerBasic)).statusCode());
        return json.readTree(registered.body());
    }
}
