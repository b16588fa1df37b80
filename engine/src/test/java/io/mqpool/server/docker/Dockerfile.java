package io.mqpool.server.docker;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The instructions of a Dockerfile, read as Docker reads them (comments and blank lines dropped,
 * lines ending in a backslash joined), enough to run the image's command without Docker: the
 * stages, the final stage's environment, entrypoint, command, user, volumes and health check.
 *
 * @param instructions every instruction in order, each with its keyword in upper case
 */
record Dockerfile(List<Instruction> instructions) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ENV_PAIR = Pattern.compile("(\\w+)=(\"[^\"]*\"|\\S+)");

    /** One instruction: {@code FROM}, {@code ENV}, ... and the rest of its (joined) line. */
    record Instruction(String keyword, String arguments) {
    }

    static Dockerfile read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && pending.isEmpty())) {
                continue;
            }
            boolean continues = trimmed.endsWith("\\");
            pending.append(continues ? trimmed.substring(0, trimmed.length() - 1) : trimmed).append(' ');
            if (!continues) {
                String[] parts = pending.toString().strip().split("\\s+", 2);
                instructions.add(new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : ""));
                pending.setLength(0);
            }
        }
        return new Dockerfile(List.copyOf(instructions));
    }

    /** The image of each {@code FROM}, with its {@code AS} name if any: {@code ["maven:3.9 AS build", ...]}. */
    List<String> stages() {
        return all("FROM");
    }

    /** The arguments of every instruction with {@code keyword}. */
    List<String> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    /** The arguments of {@code keyword}'s instructions in the final stage. */
    List<String> finalStage(String keyword) {
        int lastFrom = 0;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals("FROM")) {
                lastFrom = i;
            }
        }
        return instructions.subList(lastFrom, instructions.size()).stream()
                .filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    /** The final stage's {@code ENV} variables ({@code KEY=VALUE} forms). */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String arguments : finalStage("ENV")) {
            Matcher m = ENV_PAIR.matcher(arguments);
            while (m.find()) {
                env.put(m.group(1), m.group(2).replaceAll("^\"|\"$", ""));
            }
        }
        return env;
    }

    /** The final stage's {@code keyword} ({@code ENTRYPOINT}, {@code CMD}) in exec (JSON) form. */
    List<String> execForm(String keyword) {
        List<String> found = finalStage(keyword);
        if (found.isEmpty()) {
            return List.of();
        }
        try {
            return Arrays.asList(JSON.readValue(found.get(found.size() - 1), String[].class));
        } catch (IOException e) {
            throw new IllegalStateException(keyword + " is not in exec form (a JSON array): " + found, e);
        }
    }

    /** The shell command of the final {@code HEALTHCHECK ... CMD command}. */
    String healthCheckCommand() {
        List<String> found = finalStage("HEALTHCHECK");
        if (found.isEmpty()) {
            throw new IllegalStateException("the Dockerfile has no HEALTHCHECK");
        }
        String check = found.get(found.size() - 1);
        int cmd = check.indexOf("CMD ");
        if (cmd < 0) {
            throw new IllegalStateException("HEALTHCHECK has no CMD: " + check);
        }
        return check.substring(cmd + "CMD ".length()).strip();
    }
}
