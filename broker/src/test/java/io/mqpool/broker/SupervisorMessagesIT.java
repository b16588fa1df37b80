package io.mqpool.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mqpool.config.BrokerSettings;
import jakarta.jms.Message;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A remote supervisor's report and death through a real broker, and what is not one. */
class SupervisorMessagesIT {

    private final SupervisorMessages messages = new SupervisorMessages();

    @TempDir
    Path dir;

    @Test
    void aReportAndADeathComeOutAsTheyWentIn() throws Exception {
        SupervisorReport report = new SupervisorReport("hostb-1", "hostb", 4711, false, List.of(
                new SupervisorReport.Worker("hostb-1-w1", 4712, "busy", 1_700_000_000_000L, 1, "job1", 3, 60L, 20, 45),
                new SupervisorReport.Worker("hostb-1-w2", 4713, "idle", 1_700_000_000_001L, 0, null, null, null, null, 0)));
        SupervisorReport.Death death = new SupervisorReport.Death("hostb-1", "job1", 3, "hostb-1-w1", 4712, 61, false,
                0, "signal 9");
        try (EmbeddedBroker broker = EmbeddedBroker.start(new BrokerSettings("127.0.0.1", 0, 100, 0, 5), dir);
             BrokerConnection connection = BrokerConnection.connect(broker.inVmUrl(), 0)) {
            Session session = connection.openSession();
            Queues.producer(session, Queues.SUPERVISORS).send(messages.report(session, report));
            Queues.producer(session, Queues.SUPERVISORS).send(messages.death(session, death));
            var consumer = Queues.consumer(session, Queues.SUPERVISORS);
            Message first = consumer.receive(5_000);
            Message second = consumer.receive(5_000);

            assertEquals(report, messages.reportOf(first));
            assertNull(messages.deathOf(first));
            assertEquals(death, messages.deathOf(second));
            assertNull(messages.reportOf(second));

            Message junk = session.createTextMessage("{not json");
            junk.setStringProperty(SupervisorMessages.KIND, SupervisorMessages.REPORT);
            assertThrows(MalformedMessageException.class, () -> messages.reportOf(junk));
        }
    }
}
