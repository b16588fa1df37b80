package io.mqpool.server.web;

/**
 * The empty SVG of a chart; the page script fills it from {@code data-src} (a stats endpoint) and
 * redraws it while the page is open. Without script, or before the endpoint answers, it says so.
 */
final class Charts {

    private Charts() {
    }

    /**
     * @param series the JSON field holding the chart's points ({@code perMinute}, {@code throughput}
     *     or {@code durations})
     */
    static Html svg(String id, String src, String series, String label) {
        return Html.of("""
                <svg id="{}" class="chart" data-src="{}" data-series="{}" viewBox="0 0 600 140" role="img" \
                aria-label="{}"><text x="300" y="75" text-anchor="middle" class="chart-empty">no data yet</text></svg>""", id, src, series, label);
    }
}
