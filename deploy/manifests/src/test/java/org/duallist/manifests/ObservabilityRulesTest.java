package org.duallist.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The alert rules and the Grafana dashboard in deploy/observability speak only of metrics the services
 * register (the names in the platform's MetricNames, which the services' MetricsTests find on
 * /q/metrics), every rule is complete, and the dashboard asks for its Prometheus as an input.
 */
class ObservabilityRulesTest {

    private static final Path ROOT = Path.of("../..");
    private static final Path RULES = ROOT.resolve("deploy/observability/dual-list-alerts.yaml");
    private static final Path DASHBOARD = ROOT.resolve("deploy/observability/dual-list-dashboard.json");
    private static final Path METRIC_NAMES =
            ROOT.resolve("services/platform/src/main/java/org/duallist/platform/metrics/MetricNames.java");
    private static final Pattern CONSTANT = Pattern.compile("\"((?:dual_list|kafka)_[a-z0-9_]+)\"");
    private static final Pattern REFERENCE = Pattern.compile("\\b((?:dual_list|kafka)_[a-z0-9_]+)\\b");
    private static final List<String> HISTOGRAM_SERIES = List.of("_bucket", "_count", "_sum", "_max");

    @Test
    void everyRuleIsCompleteAndUsesRegisteredMetrics() throws IOException {
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(RULES.toFile());
        Set<String> registered = registeredMetrics();
        List<String> alerts = new ArrayList<>();
        assertThat(rules.path("groups")).isNotEmpty();
        for (JsonNode group : rules.path("groups")) {
            assertThat(group.path("name").asText()).isNotBlank();
            for (JsonNode rule : group.path("rules")) {
                String alert = rule.path("alert").asText();
                alerts.add(alert);
                assertThat(alert).as("alert name").matches("DualList[A-Za-z]+");
                assertThat(rule.path("labels").path("severity").asText()).as(alert).isIn("critical", "warning", "info");
                assertThat(rule.path("annotations").path("summary").asText()).as(alert).isNotBlank();
                if (rule.has("for")) {
                    assertThat(rule.path("for").asText()).as(alert).matches("\\d+[smhd]");
                }
                List<String> used = references(rule.path("expr").asText());
                assertThat(used).as(alert + " uses a metric of the suite").isNotEmpty();
                assertThat(used).as(alert).allSatisfy(name -> assertThat(isRegistered(name, registered))
                        .as(name + " is registered by a service").isTrue());
            }
        }
        assertThat(alerts).doesNotHaveDuplicates()
                .contains("DualListProjectionLagging", "DualListPublisherStalled", "DualListConsumerGroupWithoutMembers",
                        "DualListConsumerLagGrowing", "DualListOverdueGrowing");
    }

    @Test
    void theDashboardShowsEveryMetricAndTakesItsDatasourceAsInput() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        assertThat(dashboard.path("__inputs").findValuesAsText("name")).containsExactly("DS_PROMETHEUS");
        Set<String> registered = registeredMetrics();
        Set<String> shown = new TreeSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText()).isEqualTo("${DS_PROMETHEUS}");
            assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("datasource").path("uid").asText()).isEqualTo("${DS_PROMETHEUS}");
                for (String name : references(target.path("expr").asText())) {
                    assertThat(isRegistered(name, registered)).as(name + " in panel " + panel.path("title").asText()).isTrue();
                    shown.add(baseName(name, registered));
                }
            }
        }
        // every datasource anywhere in the file is the input, none hard-coded
        for (JsonNode datasource : dashboard.findValues("datasource")) {
            assertThat(datasource.path("uid").asText()).isEqualTo("${DS_PROMETHEUS}");
        }
        assertThat(shown).containsAll(registered);
    }

    private static Set<String> registeredMetrics() throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher constant = CONSTANT.matcher(Files.readString(METRIC_NAMES));
        while (constant.find()) {
            names.add(constant.group(1));
        }
        assertThat(names).hasSizeGreaterThanOrEqualTo(10);
        return names;
    }

    private static List<String> references(String expr) {
        List<String> names = new ArrayList<>();
        Matcher reference = REFERENCE.matcher(expr);
        while (reference.find()) {
            names.add(reference.group(1));
        }
        return names;
    }

    private static boolean isRegistered(String name, Set<String> registered) {
        return baseName(name, registered) != null;
    }

    /** The registered name a series belongs to: itself, or the histogram whose bucket, count, sum or max it is. */
    private static String baseName(String name, Set<String> registered) {
        if (registered.contains(name)) {
            return name;
        }
        for (String suffix : HISTOGRAM_SERIES) {
            if (name.endsWith(suffix) && registered.contains(name.substring(0, name.length() - suffix.length()))) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return null;
    }
}
