package io.mqpool.server.web;

import com.fasterxml.jackson.core.type.TypeReference;
import io.javalin.http.Context;
import io.mqpool.engine.Engine;
import io.mqpool.engine.state.CounterValue;
import io.mqpool.engine.state.LockUse;
import io.mqpool.engine.state.LockView;
import io.mqpool.engine.state.SharedState;
import io.mqpool.engine.state.StateKind;
import io.mqpool.engine.store.ArrayRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * {@code /api/state}: what the tasks share. {@code GET /api/state} lists every counter, array,
 * map, list, lock and semaphore; {@code GET /api/state/{name}} shows one with its contents
 * ({@code ?kind=} picks one kind when several share the name); {@code DELETE /api/state/{name}}
 * removes one; {@code POST /api/state/{name}/release} forces a lock or semaphore free, as an
 * operator does for a holder that hangs.
 */
final class StateResource {

    private static final TypeReference<Map<String, Object>> MAP_OF_FIELDS = new TypeReference<>() { };

    private final Engine engine;
    private final JsonCodec json;

    StateResource(Engine engine, JsonCodec json) {
        this.engine = engine;
        this.json = json;
    }

    /** A counter as the API shows it. */
    record CounterView(String name, String kind, long value, String updatedAt) {
        static CounterView of(CounterValue counter) {
            return new CounterView(counter.name(), "counter", counter.value(), counter.updatedAt().toString());
        }
    }

    /** An array as the list shows it. */
    record ArrayView(String name, String kind, int size, String updatedAt) {
        static ArrayView of(ArrayRow row) {
            return new ArrayView(row.name(), "array", row.size(), row.updatedAt().toString());
        }
    }

    /** A map or list as the list shows it. */
    record CollectionView(String name, String kind, int size) {
    }

    /** A holder of a lock or permit. */
    record HolderView(String worker, long pid, long fence, String since) {
        static HolderView of(LockUse.Holder holder) {
            return new HolderView(holder.workerId(), holder.pid(), holder.fence(), holder.since().toString());
        }
    }

    /** A lock or semaphore, with who holds it now. */
    record LockApiView(String name, String kind, int permits, long fence, List<HolderView> holders, int waiting) {
        static LockApiView of(LockView lock) {
            return new LockApiView(lock.name(), lock.kind().word(), lock.permits(), lock.fence(),
                    lock.holders().stream().map(HolderView::of).toList(), lock.waiting());
        }
    }

    void list(Context ctx) {
        SharedState state = engine.state();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("counters", state.list().stream().map(CounterView::of).toList());
        body.put("arrays", state.arrays().stream().map(ArrayView::of).toList());
        body.put("maps", collections(state.maps(), "map"));
        body.put("lists", collections(state.lists(), "list"));
        body.put("locks", state.locks().stream().map(LockApiView::of).toList());
        json.write(ctx, 200, body);
    }

    void show(Context ctx) {
        String name = ctx.pathParam("name");
        for (StateKind kind : kinds(ctx)) {
            Optional<Object> shown = show(kind, name);
            if (shown.isPresent()) {
                json.write(ctx, 200, shown.get());
                return;
            }
        }
        throw notFound(ctx, name);
    }

    void delete(Context ctx) {
        String name = ctx.pathParam("name");
        for (StateKind kind : kinds(ctx)) {
            boolean deleted;
            try {
                deleted = engine.state().delete(kind, name);
            } catch (IllegalStateException e) {
                throw new ApiException(409, e.getMessage() + ": POST /api/state/" + name + "/release");
            }
            if (deleted) {
                ctx.status(204);
                return;
            }
        }
        throw notFound(ctx, name);
    }

    void release(Context ctx) {
        String name = ctx.pathParam("name");
        try {
            int released = engine.state().forceRelease(name);
            json.write(ctx, 200, Map.of("name", name, "released", released));
        } catch (NoSuchElementException e) {
            throw ApiException.notFound(e.getMessage());
        }
    }

    private Optional<Object> show(StateKind kind, String name) {
        SharedState state = engine.state();
        return switch (kind) {
            case COUNTER -> state.find(name).map(CounterView::of);
            case ARRAY -> state.arrays().stream().filter(a -> a.name().equals(name)).findFirst()
                    .map(a -> withContents(ArrayView.of(a), "values", state.array(name, a.size()).snapshot()));
            case MAP -> state.maps().containsKey(name)
                    ? Optional.of(withContents(new CollectionView(name, "map", state.maps().get(name)), "entries",
                            state.map(name).snapshot()))
                    : Optional.empty();
            case LIST -> state.lists().containsKey(name)
                    ? Optional.of(withContents(new CollectionView(name, "list", state.lists().get(name)), "items",
                            state.list(name).snapshot()))
                    : Optional.empty();
            case LOCK, SEMAPHORE -> state.findLock(name).filter(l -> l.kind().name().equals(kind.name()))
                    .map(LockApiView::of);
        };
    }

    /** The record's fields and one more, its contents. */
    private Map<String, Object> withContents(Object view, String field, Object contents) {
        Map<String, Object> fields = new LinkedHashMap<>(json.mapper().convertValue(view, MAP_OF_FIELDS));
        fields.put(field, contents);
        return fields;
    }

    private static List<CollectionView> collections(Map<String, Integer> sizes, String kind) {
        List<CollectionView> views = new ArrayList<>();
        sizes.forEach((name, size) -> views.add(new CollectionView(name, kind, size)));
        return views;
    }

    private static List<StateKind> kinds(Context ctx) {
        String kind = ctx.queryParam("kind");
        if (kind == null) {
            return List.of(StateKind.values());
        }
        try {
            return List.of(StateKind.of(kind));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static ApiException notFound(Context ctx, String name) {
        String kind = ctx.queryParam("kind");
        return ApiException.notFound("nothing shared is named '" + name + "'" + (kind == null ? "" : " as a " + kind));
    }
}
