package io.mqpool.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqpool.server.RunningServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A browser at a server that asks everyone for its token ({@code http.auth=always}, as for a
 * browser beyond loopback): it is shown the sign-in page, a wrong token is refused there, and
 * the right one leads to the jobs, whose live updates then carry it.
 */
@ExtendWith(BrowserExtension.class)
class SignInPageIT {

    @RegisterExtension
    static final RunningServer server = RunningServer.withWorkers(1, "--config", alwaysAsk().toString());

    @Test
    void aBrowserSignsInWithTheTokenAndSeesTheJobs(Browser browser) throws IOException {
        browser.open(server.url().resolve("/jobs"));
        browser.waitUntil("the sign-in page", () -> !browser.findAll("form input#token").isEmpty());
        assertEquals("Sign in", browser.find("h1").getText());
        browser.screenshot("sign-in");

        browser.find("input#token").sendKeys("not-the-token");
        browser.find("form button[type=submit]").click();
        browser.waitUntil("the refusal", () -> !browser.findAll("#error-message").isEmpty());
        assertEquals("That is not this server's API token.", browser.find("#error-message").getText());
        browser.screenshot("sign-in-refused");
        // Chrome reports each page answered with 401 as an error: the two turned away, no more.
        assertEquals(2, browser.takeConsoleErrors().stream().filter(e -> e.contains("status of 401")).count());

        String token = Files.readString(server.process().dataDir().resolve("http-token")).strip();
        browser.find("input#token").sendKeys(token);
        browser.find("form button[type=submit]").click();
        browser.waitUntil("the jobs page", () -> browser.driver().getCurrentUrl().endsWith("/jobs")
                && browser.findAll("form input#token").isEmpty());
        assertTrue(browser.find("h1").getText().contains("Jobs"), browser.find("h1").getText());

        // A job submitted meanwhile shows up through the page's live updates, which carry the cookie.
        String id = submit(token);
        browser.waitUntil("the live update lists the new job",
                () -> !browser.findAll("table#jobs tr[data-job-id='" + id + "']").isEmpty());
        browser.waitUntil("the empty list's note is gone", () -> browser.findAll("#jobs-empty").isEmpty());
        browser.screenshot("signed-in-jobs");
        List<String> errors = browser.takeConsoleErrors();
        assertTrue(errors.isEmpty(), "the page's live updates were refused: " + errors);
    }

    private static String submit(String token) {
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    server.url().resolve("/api/jobs")).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"task\": \"compute_cube\", \"args\": [5]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, answer.statusCode(), answer.body());
            return new ObjectMapper().readTree(answer.body()).get("id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path alwaysAsk() {
        try {
            Path config = Files.createTempFile("mqpool-sign-in-", ".properties");
            Files.writeString(config, "http.auth=always\n");
            config.toFile().deleteOnExit();
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
