package io.mqpool.engine.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which H2 URLs name a file whose size the store can read. */
class StoreReadingsTest {

    @Test
    void aFileUrlWithOrWithoutOptionsNamesItsMvDbFile() {
        assertEquals(Optional.of(Path.of("/data/db/mqpool.mv.db")), StoreReadings.h2File("jdbc:h2:file:/data/db/mqpool"));
        assertEquals(Optional.of(Path.of("/data/db/mqpool.mv.db")),
                StoreReadings.h2File("jdbc:h2:file:/data/db/mqpool;WRITE_DELAY=0;MODE=Regular"));
        assertEquals(Optional.of(Path.of("/srv/x.mv.db")), StoreReadings.h2File("jdbc:h2:/srv/x"));
        assertEquals(Optional.of(Path.of("/srv/x.mv.db")), StoreReadings.h2File(StoreLocation.h2(Path.of("/srv"))
                .url().replace("mqpool", "x")));
    }

    @Test
    void inMemoryRemoteAndHomeRelativeDatabasesHaveNoFileHere() {
        assertEquals(Optional.empty(), StoreReadings.h2File("jdbc:h2:mem:test"));
        assertEquals(Optional.empty(), StoreReadings.h2File("jdbc:h2:tcp://db.example:9092/mqpool"));
        assertEquals(Optional.empty(), StoreReadings.h2File("jdbc:h2:ssl://db.example/mqpool"));
        assertEquals(Optional.empty(), StoreReadings.h2File("jdbc:h2:~/mqpool"));
    }
}
