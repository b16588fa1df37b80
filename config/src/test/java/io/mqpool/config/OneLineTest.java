package io.mqpool.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class OneLineTest {

    @Test
    void ofKeepsTheFirstLineTrimmed() {
        assertEquals("cannot start", OneLine.of("  cannot start \n\tat somewhere\n"));
        assertEquals("one line", OneLine.of("one line"));
    }

    @Test
    void messageOfIsTheErrorsOwnFirstLineOrItsSimpleName() {
        assertEquals("port taken", OneLine.messageOf(new IllegalStateException("port taken\nmore")));
        assertEquals("IllegalStateException", OneLine.messageOf(new IllegalStateException()));
        assertEquals("IOException", OneLine.messageOf(new IOException(" ")));
    }

    @Test
    void reasonOfIsTheFirstMessageDownTheCauseChain() {
        assertEquals("disk full", OneLine.reasonOf(new RuntimeException(null, new IOException("disk full\nat"))));
        assertEquals("connection refused", OneLine.reasonOf(new ConnectException()));
        assertEquals("IllegalStateException", OneLine.reasonOf(new IllegalStateException()));
    }
}
