package io.parzen.messaging.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * deploy/grafana/parzen.json: every PromQL expression names only series the services export (the
 * list in {@link MeterNames}, which the scrape tests check against /q/metrics), and every metric has a panel.
 */
class GrafanaDashboardTest {

    private static final Path DASHBOARD = Path.of("..", "deploy", "grafana", "parzen.json");
    private static final Pattern SERIES = Pattern.compile("\\bparzen_[a-z_]+");

    private static List<String> expressions() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
        List<String> exprs = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            assertThat(panel.get("targets")).as("panel %s has queries", panel.get("title")).isNotEmpty();
            for (JsonNode target : panel.get("targets")) {
                exprs.add(target.get("expr").asText());
            }
        }
        return exprs;
    }

    @Test
    void everyExpressionNamesOnlyExportedSeries() throws IOException {
        Set<String> named = new LinkedHashSet<>();
        for (String expr : expressions()) {
            Matcher m = SERIES.matcher(expr);
            boolean any = false;
            while (m.find()) {
                named.add(m.group());
                any = true;
            }
            assertThat(any).as("expression %s names a parzen_ series", expr).isTrue();
        }
        assertThat(MeterNames.PROMETHEUS_SERIES).containsAll(named);
    }

    @Test
    void everyMetricHasAPanel() throws IOException {
        String all = String.join("\n", expressions());
        for (String metric : List.of("parzen_tasks", "parzen_executions_total", "parzen_loop_latency_seconds",
                "parzen_proposal_seconds", "parzen_outbox_backlog", "parzen_dead_letters_total", "parzen_consumer_lag")) {
            assertThat(all).as("a panel shows %s", metric).contains(metric);
        }
    }
}
