package org.duallist.local.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A line chart as a standalone SVG file, written by the benchmark itself next to its report: x
 * positions are categories spaced evenly (concurrency levels, percentile ranks), y is linear from
 * zero to a rounded maximum, one polyline with a marker per point for each series, and a legend.
 */
public final class SvgChart {

    static final int WIDTH = 720;
    static final int HEIGHT = 400;
    static final int LEFT = 70;
    static final int RIGHT = 190;
    static final int TOP = 40;
    static final int BOTTOM = 50;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
        "#7f7f7f", "#bcbd22", "#17becf"};

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<String> categories;
    private final Map<String, double[]> series = new LinkedHashMap<>();

    public SvgChart(String title, String xLabel, String yLabel, List<String> categories) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.categories = List.copyOf(categories);
    }

    /** Adds a series, one value per category. */
    public SvgChart series(String name, double[] values) {
        if (values.length != categories.size()) {
            throw new IllegalArgumentException("series " + name + " has " + values.length + " values for " + categories.size() + " categories");
        }
        series.put(name, values.clone());
        return this;
    }

    /** The x coordinate of category {@code index}. */
    double x(int index) {
        int plot = WIDTH - LEFT - RIGHT;
        return categories.size() == 1 ? LEFT + plot / 2.0 : LEFT + plot * index / (double) (categories.size() - 1);
    }

    /** The y coordinate of {@code value}. */
    double y(double value) {
        return TOP + (HEIGHT - TOP - BOTTOM) * (1 - value / top());
    }

    /** The top of the y axis: the largest value rounded up to 1, 2 or 5 times a power of ten. */
    double top() {
        double max = 0;
        for (double[] values : series.values()) {
            for (double value : values) {
                max = Math.max(max, value);
            }
        }
        if (max <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(max)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (max <= step * power) {
                return step * power;
            }
        }
        return 10 * power;
    }

    public String render() {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s</text>%n", LEFT, escape(title)));
        double top = top();
        for (int tick = 0; tick <= 5; tick++) {
            double value = top * tick / 5;
            double y = y(value);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", LEFT, y, WIDTH - RIGHT, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT - 6, y + 4, number(value)));
        }
        for (int i = 0; i < categories.size(); i++) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x(i), HEIGHT - BOTTOM + 18,
                    escape(categories.get(i))));
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", LEFT, HEIGHT - BOTTOM,
                WIDTH - RIGHT, HEIGHT - BOTTOM));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", LEFT, TOP, LEFT, HEIGHT - BOTTOM));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", (LEFT + WIDTH - RIGHT) / 2,
                HEIGHT - 12, escape(xLabel)));
        svg.append(String.format(Locale.ROOT, "<text transform=\"translate(16,%d) rotate(-90)\" text-anchor=\"middle\">%s</text>%n",
                (TOP + HEIGHT - BOTTOM) / 2, escape(yLabel)));
        int s = 0;
        for (Map.Entry<String, double[]> line : series.entrySet()) {
            String colour = COLOURS[s % COLOURS.length];
            List<String> points = new ArrayList<>();
            for (int i = 0; i < line.getValue().length; i++) {
                points.add(String.format(Locale.ROOT, "%.1f,%.1f", x(i), y(line.getValue()[i])));
            }
            svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"><title>%s</title></polyline>%n",
                    colour, String.join(" ", points), escape(line.getKey())));
            for (String point : points) {
                String[] xy = point.split(",");
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%s\" cy=\"%s\" r=\"3\" fill=\"%s\"/>%n", xy[0], xy[1], colour));
            }
            int legendY = TOP + 10 + 18 * s;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>%n", WIDTH - RIGHT + 14,
                    legendY - 10, colour));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", WIDTH - RIGHT + 32, legendY, escape(line.getKey())));
            s++;
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%,.2f", value);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
