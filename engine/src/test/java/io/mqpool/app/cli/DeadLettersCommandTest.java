package io.mqpool.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeadLettersCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String table(String json) throws Exception {
        StringWriter out = new StringWriter();
        DeadLettersCommand.printTable(JSON.readTree(json), new PrintWriter(out, true));
        return out.toString();
    }

    @Test
    void theDeadLettersAreATableWithADashForWhatIsUnknownAndANoteWhenMoreFollow() throws Exception {
        String at = "2026-12-03T14:20:11Z";
        JsonNode page = JSON.readTree("{\"deadLetters\": ["
                + "{\"id\": \"6f0c1d2e-8b1a-4c4e-9d55-0e7f3a2b1c90\", \"kind\": \"unreadable\", \"job\": null, "
                + "\"chunk\": null, \"from\": \"mqpool.tasks\", \"reason\": \"malformed message: property 'job' is missing\", "
                + "\"deliveries\": 1, \"at\": \"" + at + "\"},"
                + "{\"id\": \"orig-812\", \"kind\": \"result\", \"job\": \"jag4dv7eefty\", \"chunk\": 1, "
                + "\"from\": \"mqpool.results\", \"reason\": \"the broker moved it\", \"deliveries\": null, \"at\": null}"
                + "], \"more\": true}");
        String local = Timestamps.display(at);

        assertEquals(""
                + "ID                                    KIND        JOB           CHUNK  FROM            AT                   DELIVERIES  REASON\n"
                + "6f0c1d2e-8b1a-4c4e-9d55-0e7f3a2b1c90  unreadable  -             -      mqpool.tasks    " + local
                + "  1           malformed message: property 'job' is missing\n"
                + "orig-812                              result      jag4dv7eefty  1      mqpool.results  -                    -           the broker moved it\n"
                + "(more follow: show more with --limit, up to 1000)\n", table(page.toString()));
        assertEquals(19, local.length(), local);
        assertEquals(Instant.parse(at).getEpochSecond() % 60, Long.parseLong(local.substring(17)));
    }

    @Test
    void anEmptyQueueSaysSo() throws Exception {
        assertEquals("no dead letters\n", table("{\"deadLetters\": [], \"more\": false}"));
    }
}
