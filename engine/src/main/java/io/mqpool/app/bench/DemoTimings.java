package io.mqpool.app.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The timings {@code mqpool demo} prints for each block on worker processes, read back from its
 * output: {@code Wall time: 11.72 s = 2.93 s starting the pool + 8.34 s map + 0.45 s closing it …}.
 *
 * @param startSeconds from {@code Pool.create} to a pool that takes work
 * @param mapSeconds the block's {@code map}
 * @param closeSeconds {@code close()}
 */
record DemoTimings(double startSeconds, double mapSeconds, double closeSeconds) {

    private static final Pattern WALL_TIME = Pattern.compile(
            "Wall time: \\S+ s = (\\S+) s starting the pool \\+ (\\S+) s map \\+ (\\S+) s closing it.*");

    /** Every block's timings in {@code lines}, in the order printed. */
    static List<DemoTimings> parse(List<String> lines) {
        List<DemoTimings> blocks = new ArrayList<>();
        for (String line : lines) {
            Matcher m = WALL_TIME.matcher(line);
            if (m.matches()) {
                blocks.add(new DemoTimings(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
                        Double.parseDouble(m.group(3))));
            }
        }
        return blocks;
    }
}
