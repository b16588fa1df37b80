package io.mqpool.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqpool.outcome.EncodedOutcomes;
import io.mqpool.outcome.OutcomesForm;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.core.client.impl.ClientMessageImpl;
import org.junit.jupiter.api.Test;

class WireCodecTest {

    private final WireCodec codec = new WireCodec();

    private static ClientMessage newMessage() {
        return new ClientMessageImpl(Message.DEFAULT_TYPE, true, 0, System.currentTimeMillis(),
                (byte) 4, 1024);
    }

    @Test
    void aChunkSurvivesEncodingAndDecoding() throws Exception {
        TaskChunk chunk = new TaskChunk("job-1", 3, 300, 2, "echo", "[\"ä\", 2]", 1500);
        ClientMessage message = newMessage();
        WireCodec.writeChunk(message, chunk);

        assertEquals(chunk, codec.decodeChunk(message));
        assertEquals("job-1:3",
                message.getStringProperty(Message.HDR_DUPLICATE_DETECTION_ID));
        assertTrue(message.isDurable());
    }

    @Test
    void aResultSurvivesEncodingAndDecodingWithoutADuplicateId() throws Exception {
        ChunkResult result = new ChunkResult("job-1", 3, 300, 2, "w2", new EncodedOutcomes(
                "[{\"value\":1},{\"error\":{\"type\":\"x\",\"message\":\"\",\"stack\":\"\"}}]", 1,
                OutcomesForm.PER_TASK));
        ClientMessage message = newMessage();
        WireCodec.writeResult(message, result);

        assertEquals(result, codec.decodeResult(message));
        assertTrue(!message.containsProperty(Message.HDR_DUPLICATE_DETECTION_ID));
    }

    @Test
    void aResultKeepsWhenItsChunkStartedAndFinished() throws Exception {
        ChunkResult result = new ChunkResult("job-1", 3, 300, 1, "w2", new EncodedOutcomes("[1]", 0,
                OutcomesForm.VALUES), 1_700_000_000_000L, 1_700_000_000_250L);
        ClientMessage message = newMessage();
        WireCodec.writeResult(message, result);

        ChunkResult decoded = codec.decodeResult(message);
        assertEquals(1_700_000_000_000L, decoded.startedAtMillis());
        assertEquals(1_700_000_000_250L, decoded.finishedAtMillis());
        assertEquals(result, decoded);
    }

    @Test
    void aResultOfAnOlderWorkerWithoutAFormHasOneObjectPerTask() throws Exception {
        ChunkResult result = new ChunkResult("job-1", 3, 300, 1, "w2", new EncodedOutcomes("[{\"value\":1}]", 0,
                OutcomesForm.PER_TASK));
        ClientMessage message = newMessage();
        WireCodec.writeResult(message, result);
        message.removeProperty(WireCodec.OUTCOMES_FORM);

        assertEquals(result, codec.decodeResult(message));
    }

    @Test
    void aMessageWithoutAJobIsMalformedAndSaysSo() {
        ClientMessage message = newMessage();
        message.getBodyBuffer().writeBytes("[1]".getBytes());

        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> codec.decodeChunk(message));
        assertEquals("malformed message: property 'job' is missing", e.getMessage());
    }

    @Test
    void aPropertyOfTheWrongTypeIsMalformed() {
        ClientMessage message = newMessage();
        WireCodec.writeChunk(message, new TaskChunk("j", 0, 0, 1, "echo", "[1]", 0));
        message.putStringProperty("size", "one");

        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> codec.decodeChunk(message));
        assertEquals("malformed message: property 'size' must be an int but is a SimpleString",
                e.getMessage());
    }

    @Test
    void aChunkWithAnImpossibleSizeIsMalformed() {
        ClientMessage message = newMessage();
        WireCodec.writeChunk(message, new TaskChunk("j", 0, 0, 1, "echo", "[1]", 0));
        message.putIntProperty("size", 0);

        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> codec.decodeChunk(message));
        assertTrue(e.getMessage().startsWith("malformed chunk message: invalid chunk j:0"),
                e.getMessage());
    }
}
