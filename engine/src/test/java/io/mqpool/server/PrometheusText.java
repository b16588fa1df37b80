package io.mqpool.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A page of the Prometheus text format (0.0.4), parsed strictly enough to catch a malformed
 * one: every line is {@code # HELP}, {@code # TYPE} or a sample {@code name{labels} value},
 * and every sample belongs to a metric whose {@code # TYPE} came before it.
 */
final class PrometheusText {

    /** One sample line. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)(?: -?\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");
    private static final Pattern TYPE = Pattern.compile("# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) "
            + "(counter|gauge|histogram|summary|untyped|info|stateset|gaugehistogram|unknown)");
    private static final List<String> SUFFIXES = List.of("_total", "_bucket", "_count", "_sum", "_created", "_info");

    private final Map<String, String> types = new HashMap<>();
    private final List<Sample> samples = new ArrayList<>();

    private PrometheusText() {
    }

    /** @throws AssertionError naming the first line that breaks the format */
    static PrometheusText parse(String text) {
        PrometheusText page = new PrometheusText();
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            if (line.isEmpty()) {
                if (number == 1 || !text.endsWith("\n")) {
                    throw new AssertionError("line " + number + " is empty");
                }
                continue;
            }
            if (line.startsWith("# HELP ")) {
                continue;
            }
            Matcher type = TYPE.matcher(line);
            if (type.matches()) {
                page.types.put(type.group(1), type.group(2));
                continue;
            }
            if (line.startsWith("#")) {
                throw new AssertionError("line " + number + " is a comment that is neither HELP nor TYPE: " + line);
            }
            page.samples.add(page.sample(line, number));
        }
        return page;
    }

    private Sample sample(String line, int number) {
        Matcher sample = SAMPLE.matcher(line);
        if (!sample.matches()) {
            throw new AssertionError("line " + number + " is not name{labels} value: " + line);
        }
        String name = sample.group(1);
        if (familyOf(name) == null) {
            throw new AssertionError("line " + number + ": no # TYPE before the sample of " + name);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (sample.group(2) != null && !sample.group(2).isEmpty()) {
            Matcher label = LABEL.matcher(sample.group(2));
            int end = 0;
            while (label.lookingAt()) {
                labels.put(label.group(1), label.group(2));
                end = label.end();
                label.region(end, sample.group(2).length());
            }
            if (end != sample.group(2).length()) {
                throw new AssertionError("line " + number + " has malformed labels: " + line);
            }
        }
        double value;
        try {
            value = Double.parseDouble(sample.group(3).replace("Inf", "Infinity"));
        } catch (NumberFormatException e) {
            throw new AssertionError("line " + number + " has a value that is not a number: " + line, e);
        }
        return new Sample(name, labels, value);
    }

    /** The metric a sample name belongs to: itself, or itself less a suffix, with a # TYPE. */
    private String familyOf(String sampleName) {
        if (types.containsKey(sampleName)) {
            return sampleName;
        }
        for (String suffix : SUFFIXES) {
            if (sampleName.endsWith(suffix)) {
                String family = sampleName.substring(0, sampleName.length() - suffix.length());
                if (types.containsKey(family)) {
                    return family;
                }
            }
        }
        return null;
    }

    String typeOf(String family) {
        return types.get(family);
    }

    List<Sample> samples() {
        return samples;
    }

    /** The value of the one sample of {@code name} with exactly these labels. */
    double value(String name, Map<String, String> labels) {
        List<Sample> found = samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().equals(labels)).toList();
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " samples of " + name + labels + " instead of one");
        }
        return found.get(0).value();
    }

    double value(String name) {
        return value(name, Map.of());
    }

    boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }
}
