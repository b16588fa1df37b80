package io.mqpool.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqpool.engine.store.ChunkOutcomes;
import io.mqpool.outcome.EncodedOutcomes;
import io.mqpool.outcome.OutcomesForm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutcomesDownloadTest {

    private final JsonCodec json = new JsonCodec();
    private final OutcomesDownload download = new OutcomesDownload(null, null, json.mapper());

    @Test
    void writesEachPageBeforeReadingTheNextOneAndAsksForBoundedPages() throws IOException {
        int chunks = OutcomesDownload.PAGE_CHUNKS * 3 + 5;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> linesWrittenAtEachRead = new ArrayList<>();
        List<Integer> limits = new ArrayList<>();
        download.write("job", (from, limit) -> {
            linesWrittenAtEachRead.add(lines(out).size());
            limits.add(limit);
            List<ChunkOutcomes> page = new ArrayList<>();
            for (int chunk = from; chunk < Math.min(chunks, from + limit); chunk++) {
                // Two tasks a chunk; the second of every tenth chunk failed.
                String second = chunk % 10 == 0 ? "{\"error\":{\"type\":\"X\",\"message\":\"m\",\"stack\":\"s\"}}"
                        : "{\"value\":" + (2 * chunk + 1) + "}";
                page.add(new ChunkOutcomes(chunk, 2L * chunk, 2, chunk, new EncodedOutcomes(
                        "[{\"value\":" + 2 * chunk + "}," + second + "]", chunk % 10 == 0 ? 1 : 0, OutcomesForm.PER_TASK)));
            }
            return page;
        }, out);

        assertEquals(List.of(0, 400, 800, 1200, 1210), linesWrittenAtEachRead,
                "each page is written out before the next is read");
        assertTrue(limits.stream().allMatch(l -> l == OutcomesDownload.PAGE_CHUNKS), limits.toString());
        List<String> lines = lines(out);
        assertEquals(2 * chunks, lines.size());
        assertEquals("{\"index\":0,\"value\":0}", lines.get(0));
        assertEquals("{\"index\":1,\"error\":{\"type\":\"X\",\"message\":\"m\",\"stack\":\"s\"}}", lines.get(1));
        assertEquals("{\"index\":3,\"value\":3}", lines.get(3));
    }

    @Test
    void aJobWithoutOutcomesIsAnEmptyBody() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        download.write("job", (from, limit) -> List.of(), out);
        assertEquals(0, out.size());
    }

    private static List<String> lines(ByteArrayOutputStream out) {
        String text = out.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : text.lines().toList();
    }
}
