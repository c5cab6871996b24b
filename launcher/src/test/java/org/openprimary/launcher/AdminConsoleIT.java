package org.openprimary.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.http.HttpResponse;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The admin console's pages in Debian's Chromium, against the real EAR that Arquillian deploys to
 * Payara Server (as for {@link PlatformIT}): a whole election run from the console by the right
 * people, each signing in with their password and a TOTP code (enrolled at their first sign-in,
 * codes computed from the secret the page shows, as an authenticator app does); one person cannot
 * seal alone, nor publish before the trustees counted; a wrong code is refused next to its field.
 * The browser journeys and their helpers are in {@link AdminConsoleJourney}.
 *
 * <p>Runs after the other integration tests ({@code @Order}, with the class orderer of
 * {@code junit-platform.properties}): Arquillian's Payara Server stays up until the end of the run,
 * and {@link LauncherIT} needs the ports free.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Order(Integer.MAX_VALUE)
class AdminConsoleIT extends AdminConsoleJourney {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("openprimary.ear")));
    }

    @Override
    URI base() {
        return URI.create("http://localhost:8080/");
    }

    @Test
    void aWrongCodeIsRefusedNextToItsFieldAndTheRightOneSignsIn() throws Exception {
        String name = tag + "-totp";
        String given = accountByApi(name, "AUDITOR", "BAILIFF");
        Person person = person(name);
        person.open("admin/");
        assertEquals("fr", person.driver.findElement(By.tagName("html")).getAttribute("lang"), "French by default");
        assertEquals("Connexion à la console", person.visible("signin-title").getText());

        person.type("signin-username", name);
        person.type("signin-password", "not the password");
        person.click("signin-submit");
        assertEquals("Identifiant ou mot de passe incorrect.", person.visible("signin-password-error").getText());

        person.type("signin-password", given);
        person.click("signin-submit");
        String secret = person.enrolmentSecret();
        assertTrue(person.qrCodeShows(), "the QR code is an image the browser could load");
        assertTrue(person.visible("new-password-fields").isDisplayed(), "an organizer chose this password: a new one");
        String mine = "a password of " + name;
        person.type("new-password", mine);
        person.type("new-password-again", mine);
        person.type("enrol-code", wrong(codeFor(name, secret, false)));
        person.click("enrol-submit");
        WebElement refused = person.visible("enrol-code-error");
        assertTrue(refused.getText().startsWith("Ce code n’est pas le bon"), refused.getText());
        assertEquals("true", person.driver.findElement(By.id("enrol-code")).getAttribute("aria-invalid"));
        assertTrue(person.driver.findElement(By.id("enrol-code-field")).getAttribute("class").contains("invalid"),
                "the field is marked, not by colour alone: the message says it");

        person.type("enrol-code", codeFor(name, secret, true));
        person.click("enrol-submit");
        person.waitForText("who-name", name);
        assertEquals("(rôles : auditeur, huissier)", person.driver.findElement(By.id("who-roles")).findElement(
                By.xpath("..")).getText().replace('\u00a0', ' '));
        assertTrue(person.driver.getCurrentUrl().endsWith("/admin/elections.html"), person.driver.getCurrentUrl());
        assertTrue(person.driver.findElements(By.id("create-form")).isEmpty()
                || !person.driver.findElement(By.id("create")).isDisplayed(), "only organizers draft elections");

        person.click("lang");
        person.waitForText("who-roles", "roles: auditor, bailiff");
        assertEquals("en", person.driver.findElement(By.tagName("html")).getAttribute("lang"));
        person.click("sign-out");
        person.visible("signin-title");
        assertEquals("Sign in to the console", person.driver.findElement(By.id("signin-title")).getText());

        person.type("signin-username", name);
        person.type("signin-password", mine);
        person.click("signin-submit");
        assertEquals("Enter the 6-digit code.", person.visible("signin-code-error").getText(),
                "an enrolled account needs its code");
        person.type("signin-password", mine);
        person.type("signin-code", wrong(codeFor(name, secret, false)));
        person.click("signin-submit");
        assertTrue(person.visible("signin-code-error").getText().startsWith("This code is not the right one"));
        person.type("signin-password", mine);
        person.type("signin-code", codeFor(name, secret, true));
        person.click("signin-submit");
        person.waitForText("who-name", name);

        // A 403 is said in plain words: neither a bailiff nor an auditor creates accounts.
        person.open("admin/accounts.html");
        person.type("username", name + "-other");
        person.visible(By.cssSelector("input[name=role][value=TRUSTEE]")).click();
        person.click("create-account");
        assertEquals("Your role cannot do this.",
                person.visible(By.cssSelector("#account-form p.error[data-field='*']")).getText());

        // When the session ends, the sign-in comes back over the page, and what was typed stays.
        person.open("admin/audit.html");
        person.type("actor", "typed before");
        assertEquals(204, ((Number) person.driver.executeScript(
                "return fetch('api/session', {method: 'DELETE'}).then(function (r) { return r.status; })")).intValue());
        person.click("show");
        person.visible("signin-expired");
        assertFalse(person.driver.findElement(By.id("page")).isDisplayed(), "the page waits under the sign-in");
        assertEquals(name, person.driver.findElement(By.id("signin-username")).getAttribute("value"));
        person.type("signin-password", mine);
        person.type("signin-code", codeFor(name, secret, true));
        person.click("signin-submit");
        person.waitForText("who-name", name);
        assertTrue(person.driver.findElement(By.id("page")).isDisplayed());
        assertEquals("typed before", person.driver.findElement(By.id("actor")).getAttribute("value"));
    }

    @Test
    void aWholeElectionRunsFromTheConsoleEachStepByTheRightPerson() throws Exception {
        Person organizer = signInFirstTime("organizer", "it-organizer-password");
        organizer.waitForText("who-roles", "rôles : organisateur");

        // The organizer creates the bailiff's and the trustees' accounts in the console.
        String bailiffName = tag + "-bailiff";
        String bailiffPassword = organizer.createAccount(bailiffName, "BAILIFF");
        List<String> trustees = List.of(tag + "-trustee-1", tag + "-trustee-2", tag + "-trustee-3");
        java.util.Map<String, String> given = new java.util.TreeMap<>();
        for (String trustee : trustees) {
            given.put(trustee, organizer.createAccount(trustee, "TRUSTEE"));
        }

        // A draft, its checklist, its registration.
        String election = organizer.draftElection(TITLE, CANDIDATES);
        organizer.waitForText("registration-checklist", "Rien ne manque.");
        organizer.type("description", "La primaire de la console.");
        organizer.submitForm("description-form");
        organizer.waitForText("action-status", "Description enregistrée.");
        organizer.type("party-1", "Les Verts");
        organizer.type("photo-1", "javascript:alert(1)");
        organizer.submitForm("candidate-1");
        WebElement photoRefused = organizer.visible("photo-1-error");
        assertTrue(photoRefused.getText().startsWith("À corriger"), "the refusal is shown next to the photo: "
                + photoRefused.getText());
        organizer.type("photo-1", "https://primaire.example/bob.jpg");
        organizer.submitForm("candidate-1");
        organizer.waitForText("action-status", "Fiche de Bob enregistrée.");
        organizer.click("open-registration");
        organizer.waitForState("REGISTRATION");

        // Citizens register over the public API, as PlatformIT does.
        registerVoters(election, 3);

        // The organizer names the trustees; each chooses a passphrase from their own account.
        organizer.type("trustee-names", String.join("\n", trustees));
        organizer.type("threshold", "2");
        organizer.click("name-trustees");
        organizer.waitForText("action-status", "Gardiens nommés.");
        assertEquals(3, organizer.driver.findElements(By.cssSelector("#trustee-table tbody tr")).size());
        java.util.Map<String, Person> people = new java.util.TreeMap<>();
        for (String trustee : trustees) {
            Person t = signInFirstTime(trustee, given.get(trustee));
            t.open("admin/election.html#e=" + election);
            t.visible("passphrase-form");
            t.type("passphrase", "passphrase of " + trustee);
            t.click("choose-passphrase");
            t.waitForText("action-status", "Phrase secrète enregistrée.");
            people.put(trustee, t);
        }

        // The schedule, the seal's checklist, the proposal and its fingerprint.
        organizer.reload();
        java.time.Instant opens = java.time.Instant.now().plusSeconds(VOTING_OPENS_IN);
        java.time.Instant closes = opens.plusSeconds(VOTING_LASTS);
        organizer.schedule(opens, closes);
        organizer.waitForText("action-status", "Calendrier enregistré.");
        organizer.waitForText("seal-checklist", "Rien ne manque.");
        organizer.click("propose-seal");
        organizer.waitForText("action-status", "Sceau proposé.");
        String fingerprint = organizer.visible("seal-fingerprint").getText();
        assertTrue(fingerprint.matches("[0-9a-f]{64}"), fingerprint);
        assertTrue(organizer.driver.findElement(By.id("seal-confirm")).getAttribute("hidden") != null,
                "an organizer who is not a bailiff is not offered the confirmation");

        // The bailiff reads the document, whose fingerprint the browser recomputes, and types it back.
        Person bailiff = signInFirstTime(bailiffName, bailiffPassword);
        bailiff.open("admin/election.html#e=" + election);
        assertTrue(bailiff.visible("seal-document").getText().contains("trustee.1=" + trustees.get(0)));
        bailiff.waitForText("seal-digest-check", "L’empreinte recalculée est bien celle du sceau proposé.");
        assertEquals(fingerprint, bailiff.driver.findElement(By.id("seal-digest")).getText());
        bailiff.type("typed-fingerprint", fingerprint.substring(0, 63));
        bailiff.click("confirm-seal");
        assertTrue(bailiff.visible("typed-fingerprint-error").getText().contains("celle-ci en a 63"));
        bailiff.type("typed-fingerprint", fingerprint.replaceAll("(.{8})", "$1 "));
        bailiff.click("confirm-seal");
        bailiff.waitForState("SEALED");
        bailiff.waitForText("action-status", "L’élection est scellée");
        assertTrue(bailiff.visible("seal-rekey").isDisplayed(), "the bailiff may have the key made anew before the opening");
        assertTrue(bailiff.visible("seal-minutes").getAttribute("href").endsWith("/admin/api/elections/" + election
                + "/minutes/seal.pdf"), "the seal's official record");

        // Each trustee downloads their share once and two of them hold the rehearsal.
        java.util.Map<String, java.nio.file.Path> files = new java.util.TreeMap<>();
        for (String trustee : trustees) {
            Person t = people.get(trustee);
            t.reload();
            t.click("download-share");
            files.put(trustee, t.downloaded("share-" + election + "-" + trustee + ".json"));
            t.waitForText("download-done", "Part téléchargée");
            t.waitUntilHidden("download-form");
        }
        assertTrue(java.nio.file.Files.readString(files.get(trustees.get(0))).contains("openprimary-trustee-share/1"));
        people.get(trustees.get(0)).bringShare(files.get(trustees.get(0)), "passphrase of " + trustees.get(0));
        people.get(trustees.get(0)).waitForAttribute("ceremony", "data-status", "GATHERING");
        people.get(trustees.get(2)).bringShare(files.get(trustees.get(2)), "a wrong passphrase");
        assertTrue(people.get(trustees.get(2)).visible("bring-passphrase-error").isDisplayed(),
                "a wrong passphrase is refused next to its field");
        people.get(trustees.get(2)).bringShare(files.get(trustees.get(2)), "passphrase of " + trustees.get(2));
        people.get(trustees.get(2)).waitForAttribute("ceremony", "data-status", "REHEARSAL_PASSED");

        // Voting opens by the clock; two voters cast over the public API; the console shows the turnout.
        waitForState(election, "VOTING", opens.plusSeconds(30));
        castByApi(election, 0, List.of("Très bien", "Passable", "Insuffisant"));
        castByApi(election, 1, List.of("Bien", "Très bien", "Passable"));
        organizer.reload();
        organizer.waitForText("turnout", "2 bulletin(s) pour 3 inscrit(s)");

        // After the close, the organizer cannot publish alone: the trustees have not counted.
        waitForState(election, "CLOSED", closes.plusSeconds(30));
        organizer.reload();
        organizer.click("publish");
        WebElement notYet = organizer.visible(By.cssSelector("#publish-form [data-field='*'], #publish-form .error:not([hidden])"));
        assertTrue(notYet.getText().startsWith("Impossible pour l’instant"), notYet.getText());
        assertEquals("CLOSED", state(election), "nothing is published before the count");

        // Two trustees bring their shares to the count; the console follows it; the organizer publishes.
        people.get(trustees.get(0)).reload();
        people.get(trustees.get(0)).bringShare(files.get(trustees.get(0)), "passphrase of " + trustees.get(0));
        people.get(trustees.get(0)).waitForAttribute("ceremony", "data-status", "GATHERING");
        people.get(trustees.get(1)).reload();
        people.get(trustees.get(1)).bringShare(files.get(trustees.get(1)), "passphrase of " + trustees.get(1));
        waitForState(election, "COUNTED", java.time.Instant.now().plusSeconds(60));
        organizer.reload();
        organizer.waitForAttribute("count-status", "data-status", "DONE");
        organizer.waitForText("count-status", "2 bulletin(s) déchiffré(s) sur 2");
        organizer.waitForText("preview-note", "Aperçu : ce résultat n’est pas public");
        List<String> preview = organizer.driver.findElements(By.cssSelector("#result-table tbody th")).stream()
                .map(WebElement::getText).toList();
        assertEquals(3, preview.size(), "the count's result, previewed in the console");
        assertEquals(404, send(get("api/elections/" + election + "/result", null)).statusCode(),
                "not public before the publication");
        organizer.click("publish");
        organizer.waitForState("PUBLISHED");
        organizer.visible("versions-table");

        // The published result, as the public API gives it and as the console shows it.
        com.fasterxml.jackson.databind.JsonNode result = publishedResult(election);
        assertEquals(2, result.get("ballots").asLong(), result.toString());
        // Grades from the worst: Insuffisant, Passable, Assez bien, Bien, Très bien.
        assertEquals("[0,0,0,1,1]", result.get("candidates").get(0).get("counts").toString(), "Alice: Très bien, Bien");
        assertEquals("[0,1,0,0,1]", result.get("candidates").get(1).get("counts").toString(), "Bob: Passable, Très bien");
        assertEquals("[1,1,0,0,0]", result.get("candidates").get(2).get("counts").toString(), "Chloé: Insuffisant, Passable");
        List<String> ranking = new java.util.ArrayList<>();
        result.get("ranking").forEach(i -> ranking.add(CANDIDATES.get(i.asInt())));
        assertEquals("Chloé", ranking.get(2), result.toString());
        List<String> shown = organizer.driver.findElements(By.cssSelector("#result-table tbody th")).stream()
                .map(WebElement::getText).toList();
        assertEquals(ranking, shown);
        assertEquals(preview, shown, "the preview was the result published");
        assertEquals(1, organizer.driver.findElements(By.cssSelector("#versions-table tbody tr")).size());

        // A correction that changes nothing is refused, next to its reason.
        organizer.type("reason", "un citoyen conteste les chiffres");
        organizer.click("correct");
        assertTrue(organizer.visible("reason-error").getText().startsWith("Impossible pour l’instant"));

        // The audit trail shows who did what, refusals included; its chain holds.
        organizer.open("admin/audit.html#e=" + election);
        organizer.waitForText("audit", "POST bailiff/elections/" + election + "/seal");
        organizer.click("check-chain");
        organizer.waitForText("chain", "La chaîne du journal est intacte.");
        String trail = organizer.driver.findElement(By.id("audit")).getText();
        assertTrue(trail.contains(bailiffName), trail);
        assertTrue(trail.contains("POST elections/" + election + "/publish"), trail);

        // A second round from the published election's page: two candidates ticked, a title, a confirmation.
        organizer.open("admin/election.html#e=" + election);
        organizer.visible("second-round-form");
        organizer.click("second-round-candidate-2");
        organizer.click("prepare-second-round");
        organizer.waitForText("second-round-candidates-error", "Choisissez au moins deux candidats.");
        organizer.click("second-round-candidate-0");
        organizer.type("second-round-name", "Second tour de la console");
        organizer.click("prepare-second-round");
        organizer.waitForText("second-round-confirm-line", "Créer en brouillon le second tour « Second tour de la console »"
                + " avec Alice, Chloé ?");
        organizer.click("confirm-second-round");
        organizer.waitForText("second-round-done", "Second tour créé en brouillon : Second tour de la console.");
        WebElement listed = organizer.visible(By.cssSelector("#second-round-list li[data-election]"));
        String round2 = listed.getAttribute("data-election");
        assertTrue(listed.getText().contains("Second tour de la console"), listed.getText());
        organizer.waitForText("carry-" + round2, "sera reprise à l’ouverture des inscriptions");

        // Its page: the first round's roll, carried over when its registration opens.
        listed.findElement(By.tagName("a")).click();
        organizer.waitForText("election-title", "Second tour de la console");
        organizer.waitForState("DRAFT");
        organizer.waitForAttribute("carry-over-status", "data-status", "NOT_STARTED");
        assertTrue(organizer.visible("first-round-link").getAttribute("href").endsWith("election.html#e=" + election));
        organizer.click("open-registration");
        organizer.waitForState("REGISTRATION");
        java.time.Instant carried = java.time.Instant.now().plusSeconds(60);
        while (!send(get("admin/api/elections/" + round2 + "/carry-over", organizerBasic))
                .body().contains("\"status\":\"DONE\"") && java.time.Instant.now().isBefore(carried)) {
            Thread.sleep(300);
        }
        organizer.reload();
        organizer.waitForAttribute("carry-over-status", "data-status", "DONE");
        organizer.waitForText("carry-over-status", "3 électeur(s) repris sur 3, 0 écarté(s)");
        organizer.shoot("second-round-carried-over");
    }

    @Test
    void theBailiffHasTheKeyMadeAnewAfterALostShare() throws Exception {
        String bailiffName = tag + "-rekey-bailiff";
        String bailiffPassword = accountByApi(bailiffName, "BAILIFF");
        String trustee = tag + "-rekey-trustee";
        String trusteePassword = accountByApi(trustee, "TRUSTEE");
        String election = electionReadyToSeal("organizer", "it-organizer-password", trustee, trusteePassword);
        String fingerprint = json.readTree(send(post("admin/api/elections/" + election + "/seal/proposal", "",
                organizerBasic)).body()).get("fingerprint").asText();
        assertEquals(200, send(post("admin/api/bailiff/elections/" + election + "/seal", "{\"fingerprint\":\""
                + fingerprint + "\"}", basic(bailiffName, bailiffPassword))).statusCode());
        String oldKey = electionKey(election);
        assertEquals(200, send(post("admin/api/trustee/elections/" + election + "/share/download", "",
                basic(trustee, trusteePassword))).statusCode(), "downloaded, then lost");

        Person bailiff = signInFirstTime(bailiffName, bailiffPassword);
        bailiff.open("admin/election.html#e=" + election);
        bailiff.visible("seal-rekey");
        bailiff.click("rekey");
        assertTrue(bailiff.visible("rekey-sure-error").getText().startsWith("Cochez la case"), "a second thought first");
        assertEquals(oldKey, electionKey(election));
        bailiff.visible("rekey-sure").click();
        bailiff.click("rekey");
        bailiff.waitForText("action-status", "La clé a été refaite");
        assertFalse(oldKey.equals(electionKey(election)), "a new election key");

        Person holder = signInFirstTime(trustee, trusteePassword);
        holder.open("admin/election.html#e=" + election);
        holder.click("download-share");
        assertTrue(Files.readString(holder.downloaded("share-" + election + "-" + trustee + ".json"))
                .contains("openprimary-trustee-share/1"), "the new share, downloaded once");
    }

    @Test
    void anOrganizerWritesTriesSendsSchedulesAndCancelsCampaignsFromTheConsole() throws Exception {
        // An election with registration open and one registrant on the roll, their phone verified.
        HttpResponse<String> created = send(post("admin/api/elections", "{\"title\":\"Primaire des messages\","
                + "\"candidates\":[\"A\",\"B\"],\"requiredFactors\":[\"PHONE\"]}", organizerBasic));
        assertEquals(201, created.statusCode(), created.body());
        String election = json.readTree(created.body()).get("id").asText();
        assertEquals(200, send(post("admin/api/elections/" + election + "/open-registration", "", organizerBasic))
                .statusCode());
        registerVoters(election, 1);
        String name = tag + "-campaigner";
        Person organizer = signInFirstTime(name, accountByApi(name, "ORGANIZER"));

        // From the election's page to its messages.
        organizer.open("admin/election.html#e=" + election);
        organizer.waitForState("REGISTRATION");
        organizer.click("campaigns-link");
        organizer.waitUntil(ExpectedConditions.urlContains("campaigns.html#e=" + election));
        organizer.waitForText("heading", "Messages aux inscrits : Primaire des messages");
        organizer.waitForText("list-status", "Aucune campagne pour l’instant.");
        assertFalse(organizer.driver.findElement(By.id("kind-REMINDER")).isEnabled(),
                "no reminder to vote before the seal");

        // SMS to those who did not finish is refused, and the page says why next to the channel.
        organizer.choose("audience-UNVERIFIED");
        assertFalse(organizer.driver.findElement(By.id("channel-SMS")).isEnabled());
        assertTrue(organizer.visible("channel-SMS-note").getText().startsWith("Pas de SMS à ceux qui n’ont pas fini"));

        // An SMS announcement to those on the roll: an empty body is refused next to it, then a draft.
        organizer.choose("audience-ON_ROLL");
        organizer.choose("channel-SMS");
        organizer.waitUntilHidden("subject-field");
        organizer.click("compose-submit");
        assertEquals("Écrivez le texte du message.", organizer.visible("body-error").getText());
        assertEquals("true", organizer.driver.findElement(By.id("body")).getAttribute("aria-invalid"));
        String text = "Réunion publique jeudi à 19 h, salle des fêtes.";
        organizer.type("body", text);
        organizer.waitForText("body-count", text.length() + " caractère(s) sur 480.");
        organizer.type("campaign-name", "Réunion de jeudi");
        organizer.click("compose-submit");
        organizer.waitForText("action-status", "Brouillon « Réunion de jeudi » enregistré");
        String sms = organizer.fragment("c");
        assertEquals("DRAFT", campaign(election, sms).get("state").asText());

        // Its preview in French and English, and who it would reach now.
        organizer.waitForText("preview-text-fr", text);
        organizer.waitForText("preview-text-en", text);
        organizer.waitForText("audience-now", "elle atteindrait 1 personne(s)");
        List<String> findings = new java.util.ArrayList<>(organizer.axe("campaigns-draft"));
        organizer.shoot("campaigns-draft");

        // A test to the organizer's own phone; after 10 tries, the 11th is refused next to the address.
        organizer.type("test-to", "+33640000001");
        organizer.click("test-send");
        organizer.waitForText("test-status", "Essai envoyé à +33640000001 (1 essai(s) sur 10).");
        for (int i = 2; i <= 10; i++) {
            assertEquals(202, send(post("admin/api/elections/" + election + "/campaigns/" + sms + "/test",
                    "{\"to\":\"+33640000001\",\"language\":\"en\"}", organizerBasic)).statusCode(), "try " + i);
        }
        organizer.click("test-send");
        assertTrue(organizer.visible("test-to-error").getText().startsWith("Impossible pour l’instant"),
                organizer.driver.findElement(By.id("test-to-error")).getText());
        assertEquals(0, campaign(election, sms).get("progress").get("queued").asLong(), "tests are not the campaign");

        // Send now, after the confirmation step; the progress follows until the message is sent.
        organizer.click("send-now");
        organizer.waitForText("confirm-text", "Envoyer « Réunion de jeudi » maintenant, par SMS, à 1 personne(s) ?");
        organizer.click("confirm-no");
        organizer.waitUntilHidden("confirm");
        assertEquals("DRAFT", campaign(election, sms).get("state").asText(), "nothing went without the confirmation");
        organizer.click("send-now");
        organizer.click("confirm-yes");
        organizer.waitForText("action-status", "La campagne « Réunion de jeudi » part maintenant : ses messages sont mis"
                + " en file d’envoi, et partent au fil de l’eau.");
        organizer.waitForText("progress-" + sms, "1 envoyé(s)");
        organizer.waitUntil(ExpectedConditions.attributeToBe(By.id("state-" + sms), "data-state", "QUEUED"));
        assertEquals("QUEUED", campaign(election, sms).get("state").asText());
        assertEquals(1, campaign(election, sms).get("progress").get("sent").asLong());
        assertTrue(organizer.driver.findElements(By.id("sendNow-" + sms)).isEmpty(), "a campaign goes once");
        // Its one message has gone: the campaign says it is finished, and offers no pause.
        organizer.waitUntil(ExpectedConditions.attributeToBe(By.id("state-" + sms), "data-status", "FINISHED"));
        assertTrue(organizer.visible("state-" + sms).getText().contains("terminée"),
                organizer.driver.findElement(By.id("state-" + sms)).getText());
        assertTrue(organizer.driver.findElements(By.id("pause-" + sms)).isEmpty(), "nothing is left to pause");

        // An email to everyone registered: its HTML shows in a frame with no script and no origin.
        organizer.choose("channel-EMAIL");
        organizer.choose("audience-REGISTERED");
        organizer.type("subject", "Dernier jour pour s’inscrire");
        organizer.type("body", "Les inscriptions <b>ferment</b> demain soir.");
        organizer.type("campaign-name", "Dernier jour");
        organizer.click("compose-submit");
        organizer.waitForText("action-status", "Brouillon « Dernier jour » enregistré");
        String email = organizer.fragment("c");
        organizer.waitForText("preview-subject-fr", "Dernier jour pour s’inscrire");
        WebElement frame = organizer.visible("preview-html-fr");
        assertEquals("", frame.getAttribute("sandbox"), "no script, no same origin");
        organizer.driver.switchTo().frame(frame);
        String shown = organizer.driver.findElement(By.tagName("body")).getText();
        assertTrue(organizer.driver.findElements(By.tagName("b")).isEmpty(), "the organizer's text is escaped");
        organizer.driver.switchTo().defaultContent();
        assertTrue(shown.contains("Les inscriptions <b>ferment</b> demain soir."), shown);
        organizer.shoot("campaigns-email-preview");

        // The draft's text, read back in the correction form, corrected; the preview shows the correction.
        assertEquals("Dernier jour pour s’inscrire", organizer.visible("edit-subject").getAttribute("value"));
        organizer.type("edit-subject", "Dernier jour pour vous inscrire");
        organizer.click("edit-save");
        organizer.waitForText("action-status", "Corrections de « Dernier jour » enregistrées");
        organizer.waitForText("preview-subject-fr", "Dernier jour pour vous inscrire");
        assertEquals("Dernier jour pour vous inscrire", campaign(election, email).get("subject").asText());
        organizer.type("edit-body", " ");
        organizer.click("edit-save");
        assertTrue(organizer.visible("edit-body-error").getText().startsWith("À corriger"),
                organizer.driver.findElement(By.id("edit-body-error")).getText());
        assertEquals("Les inscriptions <b>ferment</b> demain soir.", campaign(election, email).get("body").asText(),
                "a refused correction changes nothing");

        // Scheduled: a time past is refused next to its field by the server; tomorrow is taken; then cancelled.
        organizer.driver.executeScript("arguments[0].value = '2020-01-01T19:00'", organizer.visible("send-at"));
        organizer.click("schedule-at");
        assertTrue(organizer.visible("send-at-error").getText().startsWith("À corriger"),
                organizer.driver.findElement(By.id("send-at-error")).getText());
        java.time.LocalDateTime tomorrow = java.time.LocalDateTime.now().plusDays(1).withHour(19).withMinute(0)
                .withSecond(0).withNano(0);
        organizer.driver.executeScript("arguments[0].value = arguments[1]", organizer.visible("send-at"),
                tomorrow.toString());
        organizer.click("schedule-at");
        organizer.waitForText("action-status", "La campagne « Dernier jour » partira le");
        JsonNode scheduled = campaign(election, email);
        assertEquals("SCHEDULED", scheduled.get("state").asText());
        assertEquals(tomorrow.atZone(java.time.ZoneId.systemDefault()).toInstant(),
                java.time.Instant.parse(scheduled.get("sendAt").asText()), "the browser's local time, with its offset");
        organizer.waitForAttribute("state-" + email, "data-state", "SCHEDULED");
        organizer.click("cancel-" + email);
        organizer.waitForText("confirm-text", "Annuler « Dernier jour » ?");
        organizer.click("confirm-yes");
        organizer.waitForText("action-status", "La campagne « Dernier jour » est annulée.");
        organizer.waitForAttribute("state-" + email, "data-state", "CANCELLED");
        assertEquals("CANCELLED", campaign(election, email).get("state").asText());
        assertTrue(organizer.driver.findElement(By.id("state-" + email)).getText().contains("cancelled by an organizer"));

        // On a phone: no horizontal scroll but in the table, and axe-core finds nothing serious.
        organizer.driver.manage().window().setSize(new org.openqa.selenium.Dimension(360, 800));
        organizer.reload();
        organizer.waitForText("list-updated", "Mis à jour");
        findings.addAll(organizer.axe("campaigns-phone"));
        organizer.click("open-" + sms);
        organizer.waitForText("audience-now", "personne(s)");
        findings.addAll(organizer.axe("campaigns-sent-phone"));
        organizer.shoot("campaigns-sent-phone");
        assertEquals(List.of(), findings, "no serious or critical accessibility violation, no page wider than the phone");

        // A bailiff reads the campaigns, and is offered no write.
        HttpResponse<String> draft = send(post("admin/api/elections/" + election + "/campaigns",
                "{\"name\":\"Un brouillon\",\"audience\":\"ON_ROLL\",\"channel\":\"SMS\",\"body\":\"Un brouillon.\"}", organizerBasic));
        assertEquals(201, draft.statusCode(), draft.body());
        String drafted = json.readTree(draft.body()).get("id").asText();
        String reader = tag + "-reader";
        Person bailiff = signInFirstTime(reader, accountByApi(reader, "BAILIFF"));
        bailiff.open("admin/campaigns.html#e=" + election);
        bailiff.visible("open-" + sms);
        bailiff.visible("open-" + drafted);
        assertFalse(bailiff.driver.findElement(By.id("compose")).isDisplayed(), "only organizers write");
        assertTrue(bailiff.driver.findElements(By.id("sendNow-" + drafted)).isEmpty()
                && bailiff.driver.findElements(By.id("cancel-" + drafted)).isEmpty(), "only organizers send or cancel");
        bailiff.click("open-" + drafted);
        bailiff.waitForText("campaign-title", "Un brouillon");
        assertFalse(bailiff.driver.findElement(By.id("edit-form")).isDisplayed(), "only organizers correct a draft");
    }

    @Test
    void anOrganizerSearchesTheRollStrikesOffDecidesAnAppealAndImportsMembers() throws Exception {
        // An election with registration open and two citizens on the roll.
        HttpResponse<String> created = send(post("admin/api/elections", "{\"title\":\"Primaire de la liste\","
                + "\"candidates\":[\"A\",\"B\"],\"requiredFactors\":[\"PHONE\"]}", organizerBasic));
        assertEquals(201, created.statusCode(), created.body());
        String election = json.readTree(created.body()).get("id").asText();
        assertEquals(200, send(post("admin/api/elections/" + election + "/open-registration", "", organizerBasic))
                .statusCode());
        JsonNode camille = registerNamedVoter(election, "Camille", "Radiable");
        registerNamedVoter(election, "Dominique", "Restant");
        String registrant = camille.get("id").asText();
        String name = tag + "-roll";
        Person organizer = signInFirstTime(name, accountByApi(name, "ORGANIZER"));

        // From the election's page to its roll.
        organizer.open("admin/election.html#e=" + election);
        organizer.waitForState("REGISTRATION");
        organizer.click("roll-link");
        organizer.waitUntil(ExpectedConditions.urlContains("roll.html#e=" + election));
        organizer.waitForText("heading", "Liste électorale : Primaire de la liste");
        organizer.waitForText("ledger-status", "entrée(s) affichée(s)");
        assertFalse(organizer.driver.findElement(By.id("pending")).isDisplayed(), "the bailiff's queue is the bailiff's");
        assertFalse(organizer.driver.findElement(By.id("import")).isDisplayed(), "an open roll imports no member list");

        // An empty search is refused next to the field by the page, a too short one by the server.
        organizer.click("search-submit");
        assertEquals("Saisissez ce que vous cherchez.", organizer.visible("q-error").getText());
        assertEquals("true", organizer.driver.findElement(By.id("q")).getAttribute("aria-invalid"));
        organizer.type("q", "R");
        organizer.click("search-submit");
        organizer.waitForText("q-error", "À corriger");
        // the API says its reason in the console's language (Accept-Language): French here
        assertTrue(organizer.driver.findElement(By.id("q-error")).getText().contains("tapez au moins 2 lettres du nom"),
                organizer.driver.findElement(By.id("q-error")).getText());

        // By the name's beginning: one registrant, masked, on the roll.
        organizer.type("q", "radi");
        organizer.click("search-submit");
        organizer.waitForText("search-status", "1 inscrit(s) trouvé(s) (par le début du nom).");
        assertEquals("ON_ROLL", organizer.visible("status-" + registrant).getAttribute("data-status"));
        String row = organizer.driver.findElement(By.id("result-" + registrant)).getText();
        assertTrue(row.contains("Camille R.") && row.contains(camille.get("helpCode").asText()), row);
        assertFalse(row.contains("Radiable"), "the last name is masked: " + row);
        String phone = camille.get("phone").asText().replace(" ", "");
        assertFalse(row.replace(" ", "").contains(phone.substring(1)), "the phone is masked: " + row);
        // by the phone's last four digits, the same person
        organizer.type("q", phone.substring(phone.length() - 4));
        organizer.click("search-submit");
        organizer.waitForText("search-status", "(par la fin du téléphone)");
        organizer.visible("result-" + registrant);
        List<String> findings = new java.util.ArrayList<>(organizer.axe("roll-search"));
        organizer.shoot("roll-search");

        // Struck off before the seal: the reason is asked for first, then it is done at once.
        organizer.click("strike-" + registrant);
        organizer.waitForText("strike-text", "Radier Camille R.");
        organizer.click("strike-yes");
        assertEquals("Choisissez le motif de la radiation.", organizer.visible("reason-error").getText());
        new org.openqa.selenium.support.ui.Select(organizer.visible("reason")).selectByValue("DUPLICATE_PERSON");
        findings.addAll(organizer.axe("roll-strike-confirmation"));
        organizer.click("strike-yes");
        organizer.waitForText("action-status", "Camille R. est radié·e de la liste (doublon");
        organizer.waitForAttribute("status-" + registrant, "data-status", "STRUCK_OFF");
        assertTrue(organizer.driver.findElements(By.id("strike-" + registrant)).isEmpty(), "struck off once");
        organizer.waitUntil(d -> "STRUCK_OFF".equals(d.findElement(By.cssSelector("#ledger-table tbody tr"))
                .getAttribute("data-kind")));
        JsonNode search = json.readTree(send(get("admin/api/elections/" + election + "/roll?q=radiable",
                organizerBasic)).body());
        assertEquals("STRUCK_OFF", search.get("registrants").get(0).get("status").asText(), search.toString());
        assertEquals("DUPLICATE_PERSON", search.get("registrants").get(0).get("struckOffReason").asText());

        // The citizen appeals; the queue shows the refusal's reason, and the organizer reinstates with a note.
        HttpResponse<String> appealed = send(post("api/registrants/" + registrant + "/appeal",
                "{\"text\":\"Je ne suis inscrite qu’une fois.\"}", "Bearer " + camille.get("resumeToken").asText()));
        assertEquals(201, appealed.statusCode(), appealed.body());
        String appeal = json.readTree(appealed.body()).get("id").asText();
        organizer.reload();
        organizer.waitForAttribute("appeal-status-" + appeal, "data-status", "FILED");
        String queued = organizer.driver.findElement(By.id("appeal-" + appeal)).getText();
        assertTrue(queued.contains("doublon") && queued.contains("Je ne suis inscrite qu’une fois.")
                && queued.contains("Camille R."), queued);
        organizer.click("decide-" + appeal);
        organizer.click("decide-yes");
        assertEquals("Choisissez une décision.", organizer.visible("decision-error").getText());
        organizer.choose("decision-REINSTATED");
        organizer.type("note", "Vérifié : une seule inscription.");
        findings.addAll(organizer.axe("roll-appeal-decision"));
        organizer.click("decide-yes");
        organizer.waitForText("action-status", "est de nouveau sur la liste.");
        organizer.waitForAttribute("appeal-status-" + appeal, "data-status", "REINSTATED");
        assertTrue(organizer.driver.findElement(By.id("appeal-status-" + appeal)).getText()
                .contains("Vérifié : une seule inscription."));
        assertEquals("ON_ROLL", json.readTree(send(get("admin/api/elections/" + election + "/roll?q=radiable",
                organizerBasic)).body()).get("registrants").get(0).get("status").asText());
        organizer.waitUntil(d -> "REINSTATED".equals(d.findElement(By.cssSelector("#ledger-table tbody tr"))
                .getAttribute("data-kind")));

        // Every search is in the audit trail, how it was read and what it found, never what was typed.
        String audit = send(get("admin/api/audit?election=" + election + "&limit=200", organizerBasic)).body();
        assertTrue(audit.contains("/roll") && audit.contains("searched by NAME: 1 found")
                && audit.contains("searched by PHONE: 1 found"), audit);
        assertFalse(audit.toLowerCase(java.util.Locale.ROOT).contains("radi"), "no query in the trail: " + audit);

        // On a phone, in English.
        organizer.driver.manage().window().setSize(new org.openqa.selenium.Dimension(360, 800));
        organizer.click("lang");
        organizer.waitForText("ledger-title", "Why the count changed");
        organizer.type("q", "Camille Rad");
        organizer.click("search-submit");
        organizer.waitForText("search-status", "1 registrant(s) found (by the start of the name).");
        findings.addAll(organizer.axe("roll-phone"));
        organizer.shoot("roll-phone");

        // A member list: a bad line stops the import and is named; then the right lines go in.
        HttpResponse<String> members = send(post("admin/api/elections", "{\"title\":\"Primaire des adhérents\","
                + "\"candidates\":[\"A\",\"B\"],\"requiredFactors\":[\"EMAIL\"],\"rollMode\":\"IMPORTED\"}",
                organizerBasic));
        assertEquals(201, members.statusCode(), members.body());
        String imported = json.readTree(members.body()).get("id").asText();
        assertEquals(200, send(post("admin/api/elections/" + imported + "/open-registration", "", organizerBasic))
                .statusCode());
        organizer.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
        organizer.open("admin/roll.html#e=" + imported); // only the fragment changes: the page starts again
        organizer.waitForText("heading", "Primaire des adhérents");
        organizer.click("lang");
        organizer.waitForText("import-title", "Importer la liste des membres");
        organizer.click("import-submit");
        assertEquals("Choisissez un fichier ou collez la liste.", organizer.visible("csv-error").getText());
        String csv = "member_id,first_name,last_name,email,phone\n"
                + "M-1,Ada,Adhérente,ada.adherente@example.org,\n"
                + "M-2,Bad,Ligne,pas-une-adresse,\n";
        organizer.type("csv", csv);
        organizer.click("import-submit");
        organizer.waitForText("report-summary", "2 ligne(s) lue(s), 1 refusée(s) : rien n’a été importé.");
        WebElement bad = organizer.visible(By.cssSelector("#report-table tbody tr[data-line='3']"));
        assertTrue(bad.getText().contains("email"), bad.getText());
        assertEquals(1, organizer.driver.findElements(By.cssSelector("#report-table tbody tr")).size());
        findings.addAll(organizer.axe("roll-import-report"));
        organizer.shoot("roll-import-report");
        java.nio.file.Path file = Files.createTempFile("members-", ".csv");
        Files.writeString(file, csv);
        organizer.driver.findElement(By.id("import-file")).sendKeys(file.toAbsolutePath().toString());
        organizer.choose("accept-valid");
        organizer.click("import-submit");
        organizer.waitForText("report-summary", "1 membre(s) importé(s), 0 déjà importé(s), 1 ligne(s) refusée(s).");
        organizer.type("q", "Adhé");
        organizer.click("search-submit");
        organizer.waitForText("search-status", "1 inscrit(s) trouvé(s)");
        WebElement member = organizer.visible(By.cssSelector("#results tbody td[data-status]"));
        assertEquals("PENDING", member.getAttribute("data-status"));
        String standing = member.getText().replace('\u00a0', ' ');
        assertTrue(standing.contains("manque : courriel") && standing.contains("membre importé"), standing);
        assertEquals(List.of(), findings, "no serious or critical accessibility violation, no page wider than the phone");

        // A trustee holds a key share, not the roll's personal data.
        assertEquals(403, send(get("admin/api/elections/" + election + "/roll?q=radiable", basic(tag + "-roll-trustee",
                accountByApi(tag + "-roll-trustee", "TRUSTEE")))).statusCode());
    }

    @Test
    void aStrikeOffAfterTheSealProposalAwaitsABailiffWhoConfirmsItOnTheRollPage() throws Exception {
        String bailiffName = tag + "-roll-bailiff";
        String bailiffPassword = accountByApi(bailiffName, "BAILIFF");
        String trustee = tag + "-roll-frozen-trustee";
        String election = electionReadyToSeal("organizer", "it-organizer-password", trustee,
                accountByApi(trustee, "TRUSTEE"));
        assertEquals(200, send(post("admin/api/elections/" + election + "/seal/proposal", "", organizerBasic))
                .statusCode(), "the roll is frozen");
        String name = tag + "-roll-proposer";
        Person organizer = signInFirstTime(name, accountByApi(name, "ORGANIZER"));
        organizer.open("admin/roll.html#e=" + election);
        organizer.type("q", "Console");
        organizer.click("search-submit");
        organizer.waitForText("search-status", "1 inscrit(s) trouvé(s)");
        String registrant = organizer.visible(By.cssSelector("#results tbody tr")).getAttribute("id")
                .substring("result-".length());
        organizer.click("strike-" + registrant);
        new org.openqa.selenium.support.ui.Select(organizer.visible("reason")).selectByValue("NOT_ELIGIBLE");
        organizer.click("strike-yes");
        organizer.waitForText("action-status", "Radiation de Votant0 C. proposée (ne remplit pas les conditions) :"
                + " elle attend la décision d’un huissier");
        organizer.waitForText("status-" + registrant, "radiation proposée, en attente d’un huissier");
        assertEquals("ON_ROLL", organizer.driver.findElement(By.id("status-" + registrant)).getAttribute("data-status"),
                "nothing changes before the bailiff");
        assertTrue(organizer.driver.findElements(By.id("strike-" + registrant)).isEmpty(), "proposed once");

        Person bailiff = signInFirstTime(bailiffName, bailiffPassword);
        bailiff.open("admin/roll.html#e=" + election);
        bailiff.visible("pending");
        String proposal = bailiff.visible(By.cssSelector("#pending-table tbody tr")).getAttribute("id")
                .substring("proposal-".length());
        bailiff.waitForText("proposal-" + proposal, "Votant0 C.");
        assertTrue(bailiff.driver.findElement(By.id("proposal-" + proposal)).getText().contains(name), "who proposed");
        List<String> findings = bailiff.axe("roll-bailiff");
        bailiff.click("confirm-" + proposal);
        bailiff.waitForText("action-status", "Radiation confirmée : la personne ne peut plus voter.");
        bailiff.waitForText("pending-status", "Aucune radiation n’attend de décision.");
        JsonNode decided = json.readTree(send(get("admin/api/elections/" + election + "/strike-offs", organizerBasic))
                .body()).get(0);
        assertEquals("CONFIRMED", decided.get("status").asText(), decided.toString());
        assertEquals(bailiffName, decided.get("decidedBy").asText());
        assertEquals(List.of(), findings, "no serious or critical accessibility violation");
    }

    @Test
    void anOrganizerSchedulesTheRemindersOfEachEveningInOneGo() throws Exception {
        // A sealed election (voting 14 to 17 January 2099): those who have not voted exist.
        String bailiffName = tag + "-reminder-bailiff";
        String bailiffPassword = accountByApi(bailiffName, "BAILIFF");
        String trustee = tag + "-reminder-trustee";
        String election = electionReadyToSeal("organizer", "it-organizer-password", trustee,
                accountByApi(trustee, "TRUSTEE"));
        String fingerprint = json.readTree(send(post("admin/api/elections/" + election + "/seal/proposal", "",
                organizerBasic)).body()).get("fingerprint").asText();
        assertEquals(200, send(post("admin/api/bailiff/elections/" + election + "/seal", "{\"fingerprint\":\""
                + fingerprint + "\"}", basic(bailiffName, bailiffPassword))).statusCode());
        String name = tag + "-reminders";
        Person organizer = signInFirstTime(name, accountByApi(name, "ORGANIZER"));
        organizer.open("admin/campaigns.html#e=" + election);

        // The reminder to vote: the platform's text, for those who have not voted.
        organizer.choose("kind-REMINDER");
        assertTrue(organizer.driver.findElement(By.id("audience-NOT_VOTED")).isSelected());
        assertFalse(organizer.driver.findElement(By.id("audience-ON_ROLL")).isEnabled());
        organizer.waitUntilHidden("body-field");
        organizer.choose("channel-SMS");
        organizer.click("compose-submit");
        organizer.waitForText("action-status", "enregistré");
        organizer.waitForText("preview-text-fr", "Primaire à deux");

        // Each evening of the vote is suggested; a time after the close is refused next to it, by the server.
        organizer.visible("reminders");
        assertEquals(3, organizer.driver.findElements(By.cssSelector("#reminder-times input")).size(),
                "19:00 on the 14th, 15th and 16th");
        organizer.click("add-time");
        organizer.driver.executeScript("arguments[0].value = '2099-01-18T19:00'", organizer.visible("reminder-at-3"));
        organizer.click("schedule-reminders");
        assertTrue(organizer.visible("reminder-at-3-error").getText().startsWith("À corriger"),
                organizer.driver.findElement(By.id("reminder-at-3-error")).getText());
        assertEquals(1, campaigns(election).size(), "nothing scheduled when one time is wrong");
        organizer.click("remove-at-3");
        organizer.click("schedule-reminders");
        organizer.waitForText("action-status", "6 rappel(s) programmé(s).");
        List<JsonNode> all = campaigns(election);
        assertEquals(7, all.size());
        assertEquals(6, all.stream().filter(c -> c.get("state").asText().equals("SCHEDULED")
                && c.get("kind").asText().equals("REMINDER")).count(), all.toString());
        assertEquals(6, organizer.driver.findElements(By.cssSelector("#campaigns td[data-state=SCHEDULED]")).size());
        List<String> findings = organizer.axe("campaigns-reminders");
        organizer.shoot("campaigns-reminders");
        assertEquals(List.of(), findings, "no serious or critical accessibility violation");
    }

    private List<JsonNode> campaigns(String election) throws Exception {
        HttpResponse<String> all = send(get("admin/api/elections/" + election + "/campaigns", organizerBasic));
        assertEquals(200, all.statusCode(), all.body());
        List<JsonNode> list = new java.util.ArrayList<>();
        json.readTree(all.body()).forEach(list::add);
        return list;
    }

    private JsonNode campaign(String election, String id) throws Exception {
        HttpResponse<String> one = send(get("admin/api/elections/" + election + "/campaigns/" + id, organizerBasic));
        assertEquals(200, one.statusCode(), one.body());
        return json.readTree(one.body());
    }

    private String electionKey(String election) throws Exception {
        return json.readTree(send(get("api/elections/" + election + "/box", null)).body()).get("electionPublicKey").asText();
    }

    @Test
    void onePersonCannotSealAloneNorResetTheirOwnSecondFactor() throws Exception {
        String dual = tag + "-dual";
        String password = accountByApi(dual, "ORGANIZER", "BAILIFF");
        String trustee = tag + "-dual-trustee";
        String trusteePassword = accountByApi(trustee, "TRUSTEE");
        String election = electionReadyToSeal(dual, password, trustee, trusteePassword);

        Person person = signInFirstTime(dual, password);
        person.waitForText("who-roles", "rôles : huissier, organisateur");
        person.open("admin/election.html#e=" + election);
        person.click("propose-seal");
        person.waitForText("action-status", "Sceau proposé.");
        String fingerprint = person.visible("seal-fingerprint").getText();
        person.visible("seal-confirm");
        person.type("typed-fingerprint", fingerprint);
        person.click("confirm-seal");
        WebElement refused = person.visible(By.cssSelector("#confirm-form [data-field='bailiff']"));
        assertTrue(refused.getText().startsWith("Impossible pour l’instant"), refused.getText());
        assertFalse(refused.getText().endsWith(": "), "the server's reason is said: " + refused.getText());
        assertEquals("REGISTRATION", state(election), "the one who proposed cannot confirm");
        assertEquals("REGISTRATION", person.driver.findElement(By.id("state")).getAttribute("data-state"));

        // Nor does anyone remove their own second factor; another person's, an organizer may.
        person.open("admin/accounts.html");
        person.type("reset-username", dual);
        person.click("reset-second-factor");
        assertTrue(person.visible("reset-username-error").getText().startsWith("Impossible pour l’instant"));
        person.type("reset-username", trustee);
        person.click("reset-second-factor");
        person.waitForText("reset-done", "Le deuxième facteur de " + trustee + " est retiré");
    }

    @Test
    void anOperatorFindsARegistrationByItsHelpCodeResendsACodeAndNotesTheCall() throws Exception {
        HttpResponse<String> created = send(post("admin/api/elections", "{\"title\":\"Primaire de la hotline\","
                + "\"candidates\":[\"A\",\"B\"],\"requiredFactors\":[\"PHONE\",\"EMAIL\"]}", organizerBasic));
        assertEquals(201, created.statusCode(), created.body());
        String election = json.readTree(created.body()).get("id").asText();
        assertEquals(200, send(post("admin/api/elections/" + election + "/open-registration", "", organizerBasic))
                .statusCode());
        String address = tag + ".hotline@example.org";
        String helpCode = registerUnverified(election, address).get("helpCode").asText();
        String name = tag + "-operator";
        Person operator = signInFirstTime(name, accountByApi(name, "OPERATOR"));

        // The hotline's page is in the operator's navigation.
        operator.visible(By.cssSelector("#session nav a[href='support.html']")).click();
        operator.waitUntil(ExpectedConditions.urlContains("support.html"));
        assertEquals("page", operator.visible(By.cssSelector("#session nav a[href='support.html']"))
                .getAttribute("aria-current"));

        // A code too short, then a misheard one, are said next to the field.
        operator.type("help-code", "K3F");
        operator.click("find");
        assertEquals("Un code d’aide a 9 caractères (ici 3) : demandez-le à nouveau.",
                operator.visible("help-code-error").getText().replace('\u00a0', ' '));
        assertEquals("true", operator.driver.findElement(By.id("help-code")).getAttribute("aria-invalid"));
        String misheard = (helpCode.charAt(0) == 'A' ? 'B' : 'A') + helpCode.substring(1);
        operator.type("help-code", misheard);
        operator.click("find");
        operator.waitForText("help-code-error", "Un caractère a été mal entendu");
        assertFalse(operator.driver.findElement(By.id("case")).isDisplayed());

        // Read out in lower case with spaces: the registration, masked, and its messages' delivery.
        operator.type("help-code", helpCode.toLowerCase(java.util.Locale.ROOT).replace('-', ' '));
        operator.click("find");
        operator.waitForText("case-title", "Inscription " + helpCode);
        String facts = operator.visible("case-facts").getText();
        assertTrue(facts.contains("Primaire de la hotline") && facts.contains("Dominique H.")
                && facts.contains("•••@example.org"), facts);
        assertTrue(operator.visible("case-standing").getText().startsWith("Pas encore sur la liste électorale"),
                operator.driver.findElement(By.id("case-standing")).getText());
        WebElement link = operator.visible(By.cssSelector("#messages tbody tr"));
        assertTrue(link.getText().contains("lien de vérification du courriel"), link.getText());
        assertTrue(List.of("PENDING", "SENDING", "SENT").contains(link.getAttribute("data-status")),
                link.getAttribute("data-status"));
        String page = operator.driver.getPageSource();
        for (String secret : List.of(address, "Hotline", "verify-email")) {
            assertFalse(page.contains(secret), "the page holds no '" + secret + "'");
        }
        assertEquals(1, operator.driver.findElements(By.cssSelector("#codes li")).size(), "the code sent at registration");
        List<String> findings = new java.util.ArrayList<>(operator.axe("support-case"));
        operator.shoot("support-case");

        // A new code by voice call, then by SMS until the citizen's own limit, said in words.
        operator.choose("channel-call");
        operator.click("resend-phone");
        operator.waitForText("phone-done", "Un nouveau code part par appel vocal");
        assertEquals(2, operator.driver.findElements(By.cssSelector("#codes li")).size());
        for (int i = 0; i < 3; i++) {
            assertEquals(204, send(post("admin/api/support/registrations/" + helpCode + "/phone-code",
                    "{\"channel\":\"sms\"}", organizerBasic)).statusCode(), "send " + (i + 3));
        }
        operator.choose("channel-sms");
        operator.click("resend-phone");
        operator.waitForText("phone-error", "Trop de codes envoyés à ce numéro");

        // The call is noted; the note shows with the operator's name, and an empty one is refused.
        operator.click("add-note");
        assertEquals("Écrivez d’abord la note.", operator.visible("note-text-error").getText());
        String note = "Le code n’arrivait pas : renvoyé par appel vocal.";
        operator.type("note-text", note);
        operator.click("add-note");
        operator.waitForText("note-done", "Note enregistrée.");
        WebElement noted = operator.visible(By.cssSelector("#notes li"));
        assertTrue(noted.getText().contains(note) && noted.getText().contains(name), noted.getText());
        JsonNode kept = json.readTree(send(get("admin/api/support/registrations/" + helpCode + "/notes",
                organizerBasic)).body());
        assertEquals(note, kept.get(0).get("text").asText());
        assertEquals(name, kept.get(0).get("operator").asText());

        // On a phone, in English: nothing wider than the window, nothing serious for axe-core.
        operator.driver.manage().window().setSize(new org.openqa.selenium.Dimension(360, 800));
        operator.click("lang");
        operator.waitForText("case-title", "Registration " + helpCode);
        assertTrue(operator.visible(By.cssSelector("#notes li")).getText().contains(note));
        findings.addAll(operator.axe("support-phone"));
        operator.shoot("support-phone");
        assertEquals(List.of(), findings, "no serious or critical accessibility violation, no page wider than the phone");
    }

    @Test
    void anOrganizerReadsTheRegistrationFunnelAndResendsOnlyTheFailedLinks() throws Exception {
        HttpResponse<String> created = send(post("admin/api/elections", "{\"title\":\"Primaire de l’entonnoir\","
                + "\"candidates\":[\"A\",\"B\"],\"requiredFactors\":[\"PHONE\",\"EMAIL\"]}", organizerBasic));
        assertEquals(201, created.statusCode(), created.body());
        String election = json.readTree(created.body()).get("id").asText();
        assertEquals(200, send(post("admin/api/elections/" + election + "/open-registration", "", organizerBasic))
                .statusCode());
        registerUnverified(election, tag + ".funnel1@example.org");
        registerUnverified(election, tag + ".funnel2@example.org");
        String name = tag + "-funnel";
        Person organizer = signInFirstTime(name, accountByApi(name, "ORGANIZER"));

        organizer.open("admin/election.html#e=" + election);
        organizer.waitForState("REGISTRATION");
        organizer.click("funnel-link");
        organizer.waitUntil(ExpectedConditions.urlContains("funnel.html#e=" + election));
        organizer.waitForText("heading", "Parcours d’inscription : Primaire de l’entonnoir");
        WebElement started = organizer.visible(By.cssSelector("#steps tbody tr"));
        assertTrue(started.getText().startsWith("Inscriptions commencées 2"), started.getText());
        assertTrue(organizer.visible("step-verified-PHONE").getText().contains("0"));
        assertTrue(organizer.visible("step-on-roll").getText().startsWith("Sur la liste aujourd’hui 0"));

        // Nothing failed: the resend checks both and sends nothing.
        organizer.click("resend-failed");
        organizer.waitForText("resend-done", "2 inscription(s) examinée(s) : 0 dernier(s) lien(s) non remis, 0 renvoyé(s)");
        organizer.driver.manage().window().setSize(new org.openqa.selenium.Dimension(360, 800));
        organizer.reload();
        organizer.waitForText("heading", "Primaire de l’entonnoir");
        List<String> findings = organizer.axe("funnel-phone");
        organizer.shoot("funnel-phone");
        assertEquals(List.of(), findings, "no serious or critical accessibility violation, no page wider than the phone");
    }

    @Test
    void anAuditorSeesRegistrationsAndTheRollAsChartsOnTheDashboardRefreshedAsTheyGrow() throws Exception {
        HttpResponse<String> created = send(post("admin/api/elections", "{\"title\":\"Primaire des courbes\","
                + "\"candidates\":[\"A\",\"B\"],\"requiredFactors\":[\"PHONE\"]}", organizerBasic));
        assertEquals(201, created.statusCode(), created.body());
        String election = json.readTree(created.body()).get("id").asText();
        assertEquals(200, send(post("admin/api/elections/" + election + "/open-registration", "", organizerBasic))
                .statusCode());
        registerVoters(election, 3);
        registerUnverified(election, tag + ".courbes@example.org");
        String name = tag + "-charts";
        Person auditor = signInFirstTime(name, accountByApi(name, "AUDITOR"));

        auditor.visible(By.cssSelector("#session nav a[href='dashboard.html']")).click();
        auditor.waitUntil(ExpectedConditions.urlContains("dashboard.html"));
        auditor.waitForText("charts-title-" + election, "Primaire des courbes");
        // The roll's chart is an image with its last figures said in words, drawn with points.
        auditor.waitUntil(d -> chart(auditor, election).path("label").asText().contains(": 4 inscrits et 3 sur la liste à "));
        JsonNode roll = chart(auditor, election);
        String label = roll.get("label").asText();
        assertTrue(label.startsWith("Inscriptions et liste électorale, les dernières 24 heures : 4 inscrits"), label);
        assertTrue(label.endsWith("; 4 inscription(s) sur la période."), label);
        // Registered within seconds, they are in one bucket: each series has a point there (none before the
        // ledger began), and the roll's 3 are drawn below the 4 registrants.
        for (String series : List.of("on-roll", "registrants")) {
            assertTrue(roll.get("points").get(series).asInt() >= 1, series + ": its points " + roll);
            assertTrue(roll.get("lines").get(series).asText().startsWith("M"), series + ": drawn " + roll);
        }
        assertTrue(roll.get("y").get("on-roll").asDouble() > roll.get("y").get("registrants").asDouble(),
                "3 on the roll below 4 registrants: " + roll);
        assertTrue(roll.get("ticks").asInt() >= 4, "the axes are labelled: " + roll);
        assertEquals("Inscriptions et liste électorale", roll.get("title").asText());
        // No vote yet: turnout says so, and draws nothing.
        auditor.waitForText("chart-turnout-empty-" + election, "Pas encore de participation");
        assertEquals(0, roll.get("turnoutCharts").asInt());
        // The figures, in a table that opens below: a point every 10 minutes of the day, the last one now.
        auditor.visible(By.cssSelector("#chart-figures-" + election + " summary")).click();
        JsonNode rows = roll.get("rows");
        assertTrue(rows.size() > 100 && rows.size() <= 200, rows.size() + " points for a day");
        assertEquals("4|3|—|—", rows.get(rows.size() - 1).asText().replaceFirst("^[^|]*\\|[^|]*\\|", ""),
                "the last point: 4 registrants, 3 on the roll, no ballot: " + rows.get(rows.size() - 1));
        int registered = 0;
        for (JsonNode row : rows) {
            registered += Integer.parseInt(row.asText().split("\\|")[1]);
        }
        assertEquals(4, registered, "the new registrations of the day");

        // One more registers: the dashboard's own refresh redraws the chart, the table stays open.
        registerVoters(election, 1);
        auditor.waitUntil(d -> chart(auditor, election).path("label").asText().contains(": 5 inscrits et 4 sur la liste à "));
        assertTrue(chart(auditor, election).get("open").asBoolean(), "the figures stay open across a refresh");

        // A week, on a phone, in English: hourly points, nothing wider than the window, nothing serious for axe-core.
        auditor.driver.manage().window().setSize(new org.openqa.selenium.Dimension(360, 800));
        auditor.click("lang");
        new org.openqa.selenium.support.ui.Select(auditor.visible("span")).selectByValue("168");
        auditor.waitUntil(d -> chart(auditor, election).path("label").asText()
                .startsWith("Registrations and the roll, the last 7 days: 5 registrants and 4 on the roll at "));
        JsonNode week = chart(auditor, election);
        assertTrue(week.get("width").asInt() <= 360, "the chart fits the phone: " + week.get("width"));
        assertEquals(169, week.get("rows").size(), "a week, hour by hour, and the hour of now");
        List<String> findings = auditor.axe("dashboard-charts-phone");
        auditor.shoot("dashboard-charts-phone");
        assertEquals(List.of(), findings, "no serious or critical accessibility violation, no page wider than the phone");
    }

    /**
     * The roll's chart of an election as the page shows it now, read in one script (the dashboard
     * redraws it every 10 seconds): its label and title, the points, path and last dot's height of each series, the
     * axes' labels, its width, the turnout charts drawn, whether the figures are open and their rows
     * (cells joined by |).
     */
    private JsonNode chart(Person person, String election) {
        Object read = person.driver.executeScript("var svg = document.querySelector('#chart-roll-' + arguments[0] + ' svg');"
                + "var details = document.getElementById('chart-figures-' + arguments[0]);"
                + "if (!svg || !details) { return '{}'; }"
                + "var points = {}; var lines = {}; var y = {};"
                + "['on-roll', 'registrants'].forEach(function (s) {"
                + "  var dot = svg.querySelector('circle.chart-dot.' + s); var line = svg.querySelector('path.chart-line.' + s);"
                + "  points[s] = dot ? Number(dot.getAttribute('data-points')) : 0; lines[s] = line ? line.getAttribute('d') : '';"
                + "  y[s] = dot ? Number(dot.getAttribute('cy')) : -1; });"
                + "var rows = Array.prototype.map.call(details.querySelectorAll('tbody tr'), function (tr) {"
                + "  return Array.prototype.map.call(tr.children, function (c) { return c.textContent; }).join('|'); });"
                + "return JSON.stringify({ label: svg.getAttribute('aria-label'), title: svg.querySelector('title').textContent,"
                + "  points: points, lines: lines, y: y, ticks: svg.querySelectorAll('text.chart-tick').length,"
                + "  width: svg.getBoundingClientRect().width,"
                + "  turnoutCharts: document.querySelectorAll('#chart-turnout-' + arguments[0] + ' svg').length,"
                + "  open: details.open, rows: rows });", election);
        try {
            return json.readTree(String.valueOf(read).replace('\u00a0', ' ').replace('\u202f', ' '));
        } catch (java.io.IOException e) {
            throw new AssertionError(String.valueOf(read), e);
        }
    }
}
