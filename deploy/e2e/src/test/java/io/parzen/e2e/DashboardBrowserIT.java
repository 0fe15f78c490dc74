package io.parzen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parzen.deploy.launcher.Component;
import io.parzen.deploy.launcher.Http;
import io.parzen.deploy.token.Role;
import io.parzen.deploy.token.TokenRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The dashboard in a real browser (headless Chromium through Selenium) against the whole system: sign
 * in by the link {@code ./parzen up} prints, a finished Bayesian task's page with every plot rendered
 * from its data, the execution table (sort, filter, CSV), an execution's page, a running task that
 * updates without a reload and is stopped with the button, and a blueprint's lint message at its line.
 * Screenshots at 1280×800 and at phone width (390×844) go to {@code target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedSystem.class)
class DashboardBrowserIT {

    static final int EXECUTIONS = 12;
    static E2eSystem e2e;
    static Browser browser;
    static String finishedTask;
    static String dashboard;
    static String token;

    @RegisterExtension
    static final E2eSystem.LogsOnFailure LOGS = new E2eSystem.LogsOnFailure(() -> e2e);

    @BeforeAll
    static void start(E2eSystem shared) throws Exception {
        e2e = shared;
        dashboard = e2e.system.serviceUrl(Component.TASK) + "/dashboard/";
        token = e2e.system.token(TokenRequest.of(Role.OPERATOR));
        finishedTask = e2e.createTask(bayesian());
        JsonNode t = e2e.awaitFinal(finishedTask, Duration.ofMinutes(5));
        assertEquals("complete", t.path("status").asText(), "the finished task: " + t);
        e2e.awaitMetrics(finishedTask, Stream.of(e2e.executions(finishedTask).toArray(JsonNode[]::new))
                .map(e -> e.path("id").asText()).collect(java.util.stream.Collectors.toSet()), Duration.ofMinutes(2));
        browser = Browser.start(E2eSystem.repoRoot().resolve("deploy/e2e/target"));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    /** Four parameters of every kind; 4 random executions, then 8 guided by optuna; each logs 4 steps. */
    static ObjectNode bayesian() {
        ObjectNode t = TaskTypesIT.baseTask("dashboard-bayesian", "bayesian_tpe", "--lines=4 ");
        t.put("engine", "optuna");
        ArrayNode p = t.putArray("parameters");
        TaskTypesIT.uniform(p, "x", -1, 1);
        p.addObject().put("name", "y").put("distribution", "loguniform").put("min", -3).put("max", 0);
        p.addObject().put("name", "n").put("distribution", "integer").put("min", 1).put("max", 6);
        p.addObject().put("name", "opt").put("distribution", "categorical").putArray("values").add("a").add("b").add("c");
        t.put("maxExecutions", EXECUTIONS);
        t.put("batchSize", 4);
        t.put("randomStartup", 4);
        t.putObject("target").put("metric", "loss").put("direction", "minimize");
        t.put("seed", 5);
        return t;
    }

    // ------------------------------------------------------------------ tests

    @Test
    @Order(1)
    void signInByTheLinkTakesTheTokenOutOfTheAddressBar() throws Exception {
        browser.size(Browser.DESKTOP);
        browser.driver.get(dashboard + "#token=" + token);
        browser.await("the task list", d -> d.findElements(By.cssSelector("tr[data-task='" + finishedTask + "']")).size() == 1);
        String url = browser.driver.getCurrentUrl();
        assertFalse(url.contains("token"), "the token is removed from the address bar: " + url);
        assertEquals(token, browser.js("return sessionStorage.getItem('parzen.token')"), "kept for this tab");
        WebElement row = browser.driver.findElement(By.cssSelector("tr[data-task='" + finishedTask + "']"));
        assertTrue(row.getText().contains("complete") && row.getText().contains(EXECUTIONS + "/" + EXECUTIONS),
                "status and progress: " + row.getText());
        assertTrue(row.getText().contains("optuna") && row.getText().contains("default"), "engine, project: " + row.getText());
        assertTrue(browser.driver.findElement(By.id("who")).getText().contains("operator"), "who is signed in");
        browser.screenshot("task-list-1280x800");

        // the filter: the complete task is not among the errored ones (other classes' tasks share the system: every
        // row listed must be an errored task)
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("filter-status"))).selectByValue("error");
        browser.await("the filtered list", d -> d.getCurrentUrl().contains("status=error")
                && d.findElements(By.cssSelector("tr[data-task='" + finishedTask + "']")).isEmpty()
                && d.findElements(By.cssSelector("tr[data-task]")).stream().allMatch(r -> r.getText().contains("error")));
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("filter-status"))).selectByValue("complete");
        browser.await("complete tasks", d -> d.findElements(By.cssSelector("tr[data-task='" + finishedTask + "']")).size() == 1);
    }

    @Test
    @Order(2)
    void aFinishedTaskShowsEveryPlotWithItsData() throws Exception {
        browser.size(Browser.DESKTOP);
        browser.driver.get(dashboard + "tasks/" + finishedTask);
        awaitPlots();
        List<JsonNode> executions = e2e.executions(finishedTask);
        long random = executions.stream().filter(e -> e.path("source").asText().equals("random")).count();
        long model = executions.stream().filter(e -> e.path("source").asText().equals("model")).count();
        assertEquals(4, random, "the random startup");
        assertEquals(EXECUTIONS - 4, model, "model-guided");

        // optimization history: random and model-guided points and the best-so-far line, with their legend
        Map<String, Long> history = seriesSizes("plot-history");
        assertEquals(Map.of("random", random, "model-guided", model, "best so far", (long) EXECUTIONS), history);
        assertSvgText("plot-history", "Optimization history", "random", "model-guided", "best so far", "loss");
        // parallel coordinates: one line per execution through x, y, n, opt to loss
        assertEquals(Map.of("executions", (long) EXECUTIONS), seriesSizes("plot-parallel"));
        assertSvgText("plot-parallel", "Parallel coordinates", "x", "y", "n", "opt", "loss");
        // importance: every parameter, the method named on the plot
        assertEquals(Map.of("PED-ANOVA", 4L), seriesSizes("plot-importance"));
        assertSvgText("plot-importance", "Parameter importance (PED-ANOVA)", "x", "y", "n", "opt");
        // intermediate values: each execution's loss over its 4 steps
        Map<String, Long> intermediate = seriesSizes("plot-intermediate");
        assertEquals(EXECUTIONS, intermediate.size(), "one line per execution: " + intermediate);
        assertTrue(intermediate.values().stream().allMatch(n -> n == 4), "4 steps each: " + intermediate);
        assertSvgText("plot-intermediate", "Intermediate values", "loss per step", "#1", "#12");
        // one slice plot per parameter
        for (String p : List.of("x", "y", "n", "opt")) {
            assertEquals(Map.of(p, (long) EXECUTIONS), seriesSizes("plot-slice-" + p), "slice " + p);
            assertSvgText("plot-slice-" + p, p, "loss");
        }
        assertTrue(browser.driver.findElement(By.id("sources")).getText()
                .contains("random " + random + " · model-guided " + model), "random vs model-guided");
        JsonNode best = e2e.task(finishedTask).path("best");
        assertTrue(browser.driver.findElement(By.id("best-link")).getText()
                .equals("#" + best.path("executionId").asText().replaceAll("^.*-", "")), "the best execution");
        assertEquals(List.of(), browser.consoleErrors(), "no script error");
        browser.screenshot("task-page-1280x800");

        browser.size(Browser.PHONE);
        browser.await("the plots at phone width", d -> (Boolean) browser.js(
                "return document.querySelector('#plot-history svg').getBoundingClientRect().width < 390"));
        assertTrue((Boolean) browser.js("return document.documentElement.scrollWidth <= window.innerWidth + 1"),
                "nothing wider than the phone's screen (tables scroll in their box)");
        browser.screenshot("task-page-390x844");
        browser.size(Browser.DESKTOP);
    }

    @Test
    @Order(3)
    void theExecutionTableSortsFiltersAndExportsCsv() throws Exception {
        browser.size(Browser.DESKTOP);
        browser.driver.get(dashboard + "tasks/" + finishedTask);
        browser.await("the table", d -> d.findElements(By.cssSelector("#executions tbody tr")).size() == EXECUTIONS);
        // sort by parameter x with the keyboard: focus the column's button, press Enter
        WebElement sortX = browser.driver.findElement(By.cssSelector("button[data-sort='p:x']"));
        sortX.sendKeys(Keys.ENTER);
        List<Double> xs = column("x");
        List<Double> sorted = new ArrayList<>(xs);
        sorted.sort(null);
        assertEquals(sorted, xs, "ascending by x");
        browser.click("the loss column's sort button", By.cssSelector("button[data-sort='m:loss']"));
        browser.click("the loss column's sort button", By.cssSelector("button[data-sort='m:loss']"));
        List<Double> losses = column("loss");
        List<Double> desc = new ArrayList<>(losses);
        desc.sort(java.util.Comparator.reverseOrder());
        assertEquals(desc, losses, "descending by loss after a second click");
        assertEquals("descending", browser.driver.findElement(By.cssSelector("th:has(button[data-sort='m:loss'])"))
                .getAttribute("aria-sort"));

        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("exec-status"))).selectByValue("error");
        assertEquals(0, browser.driver.findElements(By.cssSelector("#executions tbody tr")).size(), "no errored execution");
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("exec-status"))).selectByValue("complete");
        assertEquals(EXECUTIONS, browser.driver.findElements(By.cssSelector("#executions tbody tr")).size());

        try (Stream<Path> old = Files.list(browser.downloads)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        browser.click("the CSV export button", By.id("export-csv"));
        Path csv = browser.downloads.resolve("dashboard-bayesian-executions.csv");
        browser.await("the CSV download", d -> Files.isRegularFile(csv));
        List<String> lines = Files.readAllLines(csv);
        assertEquals(EXECUTIONS + 1, lines.size(), "a header and a row per execution: " + lines);
        assertTrue(lines.get(0).startsWith("id,#,status,attempt,source,x,y,n,opt,") && lines.get(0).contains("loss"),
                "header: " + lines.get(0));
        for (JsonNode e : e2e.executions(finishedTask)) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(e.path("id").asText() + ",")), "row of " + e.path("id"));
        }
    }

    @Test
    @Order(4)
    void anExecutionPageShowsParametersMetricsLogAndOutputs() throws Exception {
        browser.size(Browser.DESKTOP);
        browser.driver.get(dashboard + "tasks/" + finishedTask);
        browser.click("the best link", By.id("best-link"));
        browser.await("the execution page", d -> d.getCurrentUrl().contains("/dashboard/executions/"));
        String id = browser.driver.getCurrentUrl().replaceAll("^.*/executions/", "");
        browser.await("its metrics", d -> d.findElements(By.cssSelector("#execution-metrics svg")).size() == 3);
        browser.await("its log", d -> d.findElement(By.id("log")).getText().contains("\"step\": 4"));
        JsonNode e = e2e.executions(finishedTask).stream().filter(x -> x.path("id").asText().equals(id)).findFirst()
                .orElseThrow();
        String params = browser.driver.findElement(By.id("parameters")).getText();
        e.path("parameters").fieldNames().forEachRemaining(n -> assertTrue(params.contains(n), n + " in " + params));
        for (String key : List.of("loss", "score", "step")) {
            assertEquals(Map.of(key, 4L), seriesSizes("metric-" + key), "4 points of " + key);
        }
        assertTrue(browser.driver.findElement(By.id("outputs")).getText().contains("Outputs"));
        assertEquals(List.of(), browser.consoleErrors(), "no script error");
        browser.screenshot("execution-page-1280x800");
        browser.size(Browser.PHONE);
        browser.screenshot("execution-page-390x844");
        browser.size(Browser.DESKTOP);
    }

    @Test
    @Order(5)
    void aRunningTaskUpdatesWithoutReloadAndStopsByTheButton() throws Exception {
        ObjectNode spec = TaskTypesIT.baseTask("dashboard-running", "random_search", "--sleep=4 --lines=4 ");
        TaskTypesIT.uniform(spec.putArray("parameters"), "x", -1, 1);
        spec.put("maxExecutions", 40);
        spec.put("batchSize", 2);
        spec.putObject("target").put("metric", "loss").put("direction", "minimize");
        spec.put("seed", 3);
        String id = e2e.createTask(spec);
        browser.size(Browser.DESKTOP);
        browser.driver.get(dashboard + "tasks/" + id);
        browser.await("the running task's page", d -> !d.findElements(By.id("task-progress")).isEmpty());
        browser.js("window.__sameDocument = 'still here'");
        String before = browser.driver.findElement(By.id("task-progress")).getText();
        int finishedBefore = Integer.parseInt(before.split("/")[0]);
        // executions finish while the page is open: the progress and the table change without a reload
        browser.await("a live update", d -> {
            int now = Integer.parseInt(d.findElement(By.id("task-progress")).getText().split("/")[0]);
            return now > finishedBefore && now >= 2;
        });
        assertEquals("still here", browser.js("return window.__sameDocument"), "no reload happened");
        assertTrue(Integer.parseInt(browser.driver.findElement(By.id("live-status")).getAttribute("data-updates")) > 0);
        browser.await("completed rows in the table", d -> !d.findElements(
                By.xpath("//table[@id='executions']//tbody/tr[.//span[text()='complete']]")).isEmpty());
        browser.screenshot("running-task-1280x800");

        WebElement stop = browser.driver.findElement(By.id("stop-task"));
        assertTrue(stop.isDisplayed(), "the stop button of a running task");
        stop.click();
        JsonNode t = e2e.awaitFinal(id, Duration.ofMinutes(2));
        assertEquals("stopped", t.path("status").asText(), "stopped by the button: " + t);
        assertEquals("user-stopped", t.path("statusReason").asText());
        browser.await("the page shows it stopped", d -> d.findElement(By.cssSelector(".title-row .badge")).getText()
                .equals("stopped"));
        assertFalse(browser.driver.findElement(By.id("stop-task")).isDisplayed(), "no stop button once stopped");
        assertEquals("still here", browser.js("return window.__sameDocument"), "still no reload");
        assertTrue(t.path("statusSummary").path("complete").asInt() < 40, "stopped before the end: " + t);
        browser.screenshot("stopped-task-1280x800");
    }

    @Test
    @Order(6)
    void aBlueprintLintMessageIsShownAtItsLine() throws Exception {
        browser.size(Browser.DESKTOP);
        browser.driver.get(dashboard + "blueprints");
        WebElement text = browser.await("the upload form", d -> d.findElement(By.id("blueprint-text")));
        String yaml = String.join("\n",
                "- step:",
                "    name: train",
                "    image: python:3.12",
                "    command: python3 train.py {parameters}",
                "    parameters:",
                "      - {name: x, type: float, default: 0.1}",
                "- task:",
                "    step: train",
                "    name: sweep",
                "    type: grid-serch",
                "    parameters:",
                "      - {name: x, style: multiple, rules: {items: [0.1, 0.2]}}",
                "");
        text.sendKeys(yaml);
        browser.driver.findElement(By.id("lint")).click();
        WebElement message = browser.await("a lint error", d -> d.findElement(By.cssSelector("#blueprint-listing .lint.error")));
        String line = message.getAttribute("data-line");
        WebElement li = message.findElement(By.xpath("./ancestor::li[1]"));
        assertEquals(line, li.getAttribute("data-line"), "the message sits under its own line");
        assertTrue(li.findElement(By.tagName("code")).getText().contains("grid-serch"),
                "the line with the wrong type: " + li.getText());
        assertTrue(message.getText().contains("line " + line), message.getText());
        assertTrue(browser.driver.findElement(By.id("lint-verdict")).getText().contains("error"));
        browser.screenshot("blueprint-lint-1280x800");
        browser.size(Browser.PHONE);
        browser.screenshot("blueprint-lint-390x844");
        browser.size(Browser.DESKTOP);
    }

    @Test
    @Order(7)
    void withoutATokenThePageAsksForOne() throws Exception {
        browser.js("sessionStorage.clear()");
        browser.driver.get(dashboard + "tasks/" + finishedTask);
        WebElement input = browser.await("the sign-in form", d -> d.findElement(By.id("token-input")));
        browser.screenshot("sign-in-1280x800");
        input.sendKeys(token);
        browser.driver.findElement(By.id("sign-in")).click();
        awaitPlots();
    }

    // ------------------------------------------------------------------ helpers

    private static void awaitPlots() {
        browser.await("every plot rendered", d -> Stream.of("plot-history", "plot-parallel", "plot-importance",
                "plot-intermediate", "plot-slice-x", "plot-slice-y", "plot-slice-n", "plot-slice-opt")
                .allMatch(id -> !d.findElements(By.cssSelector("#" + id + " svg")).isEmpty()));
    }

    /** Each series of the chart in element {@code id} by name → its number of data items, from ECharts itself. */
    @SuppressWarnings("unchecked")
    private static Map<String, Long> seriesSizes(String id) {
        Object o = browser.asyncJs("""
                const done = arguments[arguments.length - 1];
                import('/webjars/echarts/5.3.1/dist/echarts.esm.min.js').then(m => {
                  const el = document.querySelector('#' + CSS.escape(arguments[0]) + ' .plot');
                  const c = el && m.getInstanceByDom(el);
                  if (!c) { done(null); return; }
                  const out = {};
                  for (const s of c.getOption().series) out[s.name] = (s.data || []).length;
                  done(out);
                }).catch(e => done('error: ' + e));
                """, id);
        assertTrue(o instanceof Map, "a chart in #" + id + ": " + o);
        Map<String, Long> sizes = new java.util.TreeMap<>();
        ((Map<String, Object>) o).forEach((k, v) -> sizes.put(k, ((Number) v).longValue()));
        // and the SVG has drawn at least as many shapes as there are data items
        long shapes = (Long) browser.js("return document.querySelectorAll('#' + CSS.escape(arguments[0])"
                + " + ' svg path').length", id);
        long items = sizes.values().stream().mapToLong(Long::longValue).max().orElse(0);
        assertTrue(shapes >= items, "#" + id + " draws " + shapes + " shapes for " + items + " data items");
        return sizes;
    }

    private static void assertSvgText(String id, String... texts) {
        String all = (String) browser.js("return [...document.querySelectorAll('#' + CSS.escape(arguments[0])"
                + " + ' svg text')].map(t => t.textContent).join('\\n')", id);
        for (String t : texts) {
            assertTrue(all.lines().anyMatch(l -> l.equals(t) || l.contains(t)), "#" + id + " shows '" + t + "': " + all);
        }
    }

    private static List<Double> column(String name) {
        @SuppressWarnings("unchecked")
        List<Object> cells = (List<Object>) browser.js("""
                const ths = [...document.querySelectorAll('#executions thead th')];
                const i = ths.findIndex(th => th.querySelector('button').textContent.replace(/ [▲▼]$/, '') === arguments[0]);
                return [...document.querySelectorAll('#executions tbody tr')].map(tr => tr.children[i].textContent);
                """, name);
        return cells.stream().map(c -> Double.parseDouble(c.toString())).toList();
    }
}
