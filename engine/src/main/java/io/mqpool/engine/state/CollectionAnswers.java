package io.mqpool.engine.state;

import io.mqpool.broker.StateReply;
import io.mqpool.broker.StateRequest;
import io.mqpool.engine.store.SharedCollections;
import io.mqpool.jobs.SharedNames;
import io.mqpool.jobs.SharedValues;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Answers the tasks' requests on shared maps and lists from the store. A value put or appended
 * is checked to be JSON before it is stored, so that a snapshot, which is assembled from the
 * stored texts without reading them, is always JSON too.
 */
final class CollectionAnswers {

    private final SharedCollections store;

    CollectionAnswers(SharedCollections store) {
        this.store = store;
    }

    /**
     * @throws IllegalArgumentException for a bad name, key or value
     * @throws IndexOutOfBoundsException for an index outside a list
     */
    StateReply answer(StateRequest request) {
        String name = SharedNames.check(request.name());
        return switch (request.op()) {
            case MAP_GET -> store.get(name, key(request)).map(json -> StateReply.ofJson(0, true, json))
                    .orElse(StateReply.ofJson(0, false, null));
            case MAP_PUT -> {
                store.put(name, key(request), SharedValues.checkWellFormed(name, request.json()));
                yield StateReply.ofJson(0, true, null);
            }
            case MAP_PUT_IF_ABSENT -> StateReply.ofJson(0,
                    store.putIfAbsent(name, key(request), SharedValues.checkWellFormed(name, request.json())), null);
            case MAP_REMOVE -> StateReply.ofJson(0, store.remove(name, key(request)), null);
            case MAP_SNAPSHOT -> StateReply.ofJson(0, false, objectOf(store.entries(name)));
            case LIST_APPEND -> StateReply.ofJson(store.append(name, SharedValues.checkWellFormed(name, request.json())),
                    true, null);
            case LIST_GET -> StateReply.ofJson(0, false, store.item(name, request.index()));
            case LIST_SIZE -> StateReply.ofJson(store.size(name), false, null);
            case LIST_SNAPSHOT -> StateReply.ofJson(0, false, "[" + String.join(",", store.items(name)) + "]");
            default -> throw new IllegalArgumentException(request.op() + " is not an operation on a map or list");
        };
    }

    /** A JSON object of entries whose values are JSON texts already. */
    static String objectOf(Map<String, String> entries) {
        return entries.entrySet().stream()
                .map(e -> SharedValues.quote(e.getKey()) + ":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String key(StateRequest request) {
        return SharedNames.checkKey(request.name(), request.key());
    }
}
