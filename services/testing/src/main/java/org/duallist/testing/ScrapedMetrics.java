package org.duallist.testing;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of a service's {@code /q/metrics} (OpenMetrics or Prometheus text, asked without a token,
 * as Prometheus asks), read by metric name and labels.
 */
public final class ScrapedMetrics {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)(\\s+\\d+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final String text;

    public ScrapedMetrics(String text) {
        this.text = text;
    }

    /** Scrapes the application under test. */
    public static ScrapedMetrics scrape() {
        return new ScrapedMetrics(given().when().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    public String text() {
        return text;
    }

    /**
     * Whether a sample of this name with at least these labels is present, whatever its value: Kafka's
     * maxima (records-lag-max) are NaN while their window holds no fetch, on a topic nothing was sent to
     * for a minute.
     */
    public boolean has(String name, Map<String, String> labels) {
        return !samples(name, labels).isEmpty();
    }

    /** The sum of the samples of this name having at least these labels; NaN when there is none. */
    public double value(String name, Map<String, String> labels) {
        double sum = Double.NaN;
        for (double value : samples(name, labels)) {
            sum = Double.isNaN(sum) ? value : sum + value;
        }
        return sum;
    }

    private List<Double> samples(String name, Map<String, String> labels) {
        List<Double> values = new ArrayList<>();
        for (String line : text.split("\n")) {
            // an OpenMetrics exemplar (" # {trace_id=…} value") follows the sample
            int exemplar = line.indexOf(" # ");
            Matcher sample = SAMPLE.matcher((exemplar < 0 ? line : line.substring(0, exemplar)).trim());
            if (line.startsWith("#") || !sample.matches() || !sample.group(1).equals(name)) {
                continue;
            }
            Map<String, String> found = new java.util.HashMap<>();
            if (sample.group(3) != null) {
                Matcher label = LABEL.matcher(sample.group(3));
                while (label.find()) {
                    found.put(label.group(1), label.group(2));
                }
            }
            if (found.entrySet().containsAll(labels.entrySet())) {
                values.add(Double.parseDouble(sample.group(4)));
            }
        }
        return values;
    }

    /** {@link #value}, 0 when absent: a counter or a histogram's count before its first event. */
    public double count(String name, Map<String, String> labels) {
        double value = value(name, labels);
        return Double.isNaN(value) ? 0 : value;
    }
}
