package io.mqpool.engine.dispatch;

import io.mqpool.engine.events.JobEvents;
import io.mqpool.engine.store.JobStore;
import io.mqpool.engine.store.NewChunk;
import io.mqpool.engine.store.StoredChunk;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The chunks of a job whose input is read as it is needed (imap over a long or endless
 * iterator): only as many chunks as may be in flight are read, stored, then sent.
 */
public final class LazyInput implements ChunkSource {

    private final JobStore store;
    private final JobEvents events;
    private final String jobId;
    private final Iterator<String> argsJson;
    private final int chunksize;
    private final Consumer<RuntimeException> onInputError;
    private long nextIndex;
    private int nextChunk;
    private boolean closed;

    /**
     * @param argsJson one JSON argument per task; read on the dispatcher's thread
     * @param onInputError told if reading the input throws; the input is not read again, and the
     *     job ends with the tasks read so far (those of a chunk half read included)
     */
    public LazyInput(JobStore store, JobEvents events, String jobId, Iterator<String> argsJson,
                     int chunksize, Consumer<RuntimeException> onInputError) {
        this.store = store;
        this.events = events;
        this.jobId = jobId;
        this.argsJson = argsJson;
        this.chunksize = chunksize;
        this.onInputError = onInputError;
    }

    @Override
    public List<StoredChunk> next(int max) {
        if (closed) {
            return List.of();
        }
        List<NewChunk> chunks = new ArrayList<>();
        List<String> args = new ArrayList<>(chunksize);
        boolean ended = false;
        try {
            while (chunks.size() < max && !ended) {
                while (args.size() < chunksize && argsJson.hasNext()) {
                    args.add(argsJson.next());
                }
                ended = args.size() < chunksize || !argsJson.hasNext();
                addChunk(chunks, args);
            }
        } catch (RuntimeException e) {
            // The arguments read before the failure still run: their results come before it.
            addChunk(chunks, args);
            onInputError.accept(e);
            ended = true;
        }
        if (!chunks.isEmpty()) {
            store.appendChunks(jobId, chunks);
        }
        if (ended) {
            closed = true;
            store.closeInput(jobId, nextIndex, nextChunk).ifPresent(state -> events.finished(jobId, state));
        }
        return chunks.stream()
                .map(c -> new StoredChunk(jobId, c.chunkNo(), c.firstIndex(), c.size(), c.argsJson()))
                .toList();
    }

    /** Turns the arguments read so far, if any, into the next chunk, and empties the list. */
    private void addChunk(List<NewChunk> chunks, List<String> args) {
        if (!args.isEmpty()) {
            chunks.add(new NewChunk(nextChunk++, nextIndex, args.size(), "[" + String.join(",", args) + "]"));
            nextIndex += args.size();
            args.clear();
        }
    }
}
