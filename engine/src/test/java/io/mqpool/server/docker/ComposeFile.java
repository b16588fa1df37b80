package io.mqpool.server.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Docker Compose file, read as YAML: its services and the secrets it declares.
 *
 * @param root the whole file
 */
record ComposeFile(JsonNode root) {

    /** What a service runs and what it is given. */
    record Service(String name, JsonNode node) {

        /** {@code command} in its list form. */
        List<String> command() {
            return strings(node.path("command"));
        }

        /** {@code environment} in its map form. */
        Map<String, String> environment() {
            Map<String, String> env = new LinkedHashMap<>();
            node.path("environment").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
            return env;
        }

        /** The names of the secrets it is given (short syntax). */
        List<String> secrets() {
            return strings(node.path("secrets"));
        }

        List<String> ports() {
            return strings(node.path("ports"));
        }

        List<String> volumes() {
            return strings(node.path("volumes"));
        }

        Optional<String> text(String field) {
            JsonNode value = node.path(field);
            return value.isValueNode() ? Optional.of(value.asText()) : Optional.empty();
        }
    }

    static ComposeFile read(Path file) {
        try {
            return new ComposeFile(new ObjectMapper(new YAMLFactory()).readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> serviceNames() {
        List<String> names = new ArrayList<>();
        root.path("services").fieldNames().forEachRemaining(names::add);
        return names;
    }

    Service service(String name) {
        JsonNode node = root.path("services").path(name);
        if (node.isMissingNode()) {
            throw new IllegalStateException("compose.yaml has no service " + name);
        }
        return new Service(name, node);
    }

    /** Each declared secret's name and the file it comes from (relative to the compose file). */
    Map<String, String> secretFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        root.path("secrets").fields().forEachRemaining(e -> files.put(e.getKey(), e.getValue().path("file").asText()));
        return files;
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        node.forEach(value -> values.add(value.asText()));
        return values;
    }
}
