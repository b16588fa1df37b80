package io.mqpool.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test's browser without a browser: fetches pages keeping cookies, reads the CSRF token of the
 * last page, and posts forms (multipart, as the submit form does) without following redirects.
 */
final class PageClient {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    /** An answer: its status, its body, and the Location header (null if none). */
    record Page(int status, String body, String location) {
    }

    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private String csrf;

    PageClient(URI base) {
        this.base = base;
    }

    Page get(String path) {
        Page page = send(HttpRequest.newBuilder(base.resolve(path)).GET());
        Matcher m = CSRF.matcher(page.body());
        if (m.find()) {
            csrf = m.group(1);
        }
        return page;
    }

    /** The CSRF token of the last page fetched that had a form. */
    String csrf() {
        if (csrf == null) {
            throw new IllegalStateException("no page with a form was fetched yet");
        }
        return csrf;
    }

    /** Posts the fields as multipart/form-data, with the page's CSRF token unless one is given. */
    Page postMultipart(String path, Map<String, String> fields, FileField file) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("csrf", csrf());
        all.putAll(fields);
        String boundary = "----mqpool" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        all.forEach((name, value) -> part(body, boundary, "name=\"" + name + "\"", value));
        if (file != null) {
            part(body, boundary, "name=\"" + file.field() + "\"; filename=\"" + file.filename()
                    + "\"\r\nContent-Type: application/octet-stream", file.content());
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** Posts the fields url-encoded, as the pages' other forms do; the CSRF token is added. */
    Page postForm(String path, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("csrf", csrf());
        all.putAll(fields);
        return postRaw(path, all);
    }

    /** Posts exactly these fields url-encoded (no token added). */
    Page postRaw(String path, Map<String, String> fields) {
        StringBuilder form = new StringBuilder();
        fields.forEach((k, v) -> form.append(form.isEmpty() ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())));
    }

    record FileField(String field, String filename, String content) {
    }

    private static void part(ByteArrayOutputStream body, String boundary, String disposition, String value) {
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; " + disposition + "\r\n\r\n" + value
                + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private Page send(HttpRequest.Builder request) {
        try {
            // As a browser asks, so errors come back as pages.
            request.header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
            HttpResponse<String> r = client.send(request.timeout(Duration.ofSeconds(90)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Page(r.statusCode(), r.body(), r.headers().firstValue("Location").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
