package org.gsmile.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every page of a report, opened in a real headless Chromium: no uncaught exception, no console error,
 * no failed or non-local request, every image shown, and every plot drawn by the report's own plotly.js, with the
 * attributes tablesaw-jsplot and the report's own JSON give it understood by that version (a trace
 * Plotly could not use is invisible in its {@code _fullData}; a dropped attribute is missing there).
 *
 * <p>Without Chromium the test is skipped with a message (install Debian's {@code chromium}, or set
 * {@code GSMILE_CHROMIUM}); with {@code CI=true} it fails instead.
 *
 * <p>{@code -Dgsmile.report.screenshot=/abs/path.png} also saves a PNG of the index page (1280 px wide),
 * of the fixture's report or, with {@code -Dgsmile.report.dir=REPORT_DIR}, of any report.
 */
class ReportBrowserTest {
    /** Waits for the plots, then describes each: drawn, traces Plotly accepted, attributes it kept. */
    static final String CHECK = """
            (async () => {
              const plots = () => Array.from(document.querySelectorAll('[data-plot]'));
              const deadline = Date.now() + 20000;
              const images = () => Array.from(document.images);
              while (Date.now() < deadline && (plots().some(d => !d.querySelector('.main-svg'))
                     || images().some(i => !i.complete))) {
                await new Promise(r => setTimeout(r, 50));
              }
              const kept = ['error_y', 'zmid', 'colorscale', 'texttemplate', 'hovertemplate', 'customdata'];
              return JSON.stringify({
                plotly: window.Plotly ? window.Plotly.version : null,
                svgFigures: document.querySelectorAll('svg[role=img]').length,
                scripts: document.querySelectorAll('script').length,
                images: images().length,
                brokenImages: images().filter(i => !i.complete || i.naturalWidth === 0).map(i => i.getAttribute('src')),
                plots: plots().map(d => {
                  const data = d.data || [], full = d._fullData || [], layout = d.layout || {}, fl = d._fullLayout || {};
                  const dropped = [];
                  data.forEach((t, i) => kept.forEach(k => {
                    if (t[k] !== undefined && (!full[i] || full[i][k] === undefined)) dropped.push(i + '.' + k);
                  }));
                  if (layout.boxmode && fl.boxmode !== layout.boxmode) dropped.push('layout.boxmode');
                  // jsplot writes titles as strings, which plotly.js 2 still reads (3 does not).
                  const text = t => typeof t === 'string' ? t : (t || {}).text;
                  if (text(layout.title) && !text(fl.title)) dropped.push('layout.title');
                  ['xaxis', 'yaxis'].forEach(a => {
                    if (layout[a] && text(layout[a].title) && !(fl[a] && text(fl[a].title))) dropped.push('layout.' + a + '.title');
                  });
                  return {id: d.id, drawn: !!d.querySelector('.main-svg'), traces: data.length,
                          visible: full.filter(t => t.visible === true).length,
                          marks: d.querySelectorAll('.trace, .hm, .heatmaplayer image, .boxlayer path.box').length,
                          dropped: dropped};
                })
              });
            })()
            """;

    /** Names as a YAML file may give them: quotes, markup, a backslash, a line break, non-ASCII. */
    static final String MODEL = "it's \"<b>bold</b>\" \\ </script><script>alert(1)</script>";
    static final String CASE = "case: 'one'\n\\ & <i>☃</i>";
    static final String SETTING = "samples=32 & kernel=<shapley> \\";

    /** The fixture's case-1 cells with hostile model, case and setting names, in a run folder of their own. */
    static Path hostileRun(Path dir) throws Exception {
        Report.deleteTree(dir);
        Files.createDirectories(dir.resolve("cells"));
        ObjectMapper json = new ObjectMapper();
        Path fixture = ReportFixture.run();
        ObjectNode prov = (ObjectNode) json.readTree(Files.readString(fixture.resolve("provenance.json")));
        ((ObjectNode) prov.get("models").get(1)).put("name", MODEL);
        prov.put("cells", 8);
        Files.writeString(dir.resolve("provenance.json"), json.writeValueAsString(prov));
        try (Stream<Path> s = Files.list(fixture.resolve("cells"))) {
            for (Path p : s.sorted().toList()) {
                ObjectNode cell = (ObjectNode) json.readTree(Files.readString(p));
                if (!cell.get("case").asText().equals("case-1")) {
                    continue;
                }
                if (cell.get("model").asText().equals("stories260K-tale")) {
                    cell.put("model", MODEL);
                }
                cell.put("case", CASE);
                if (cell.get("setting").asText().contains("shapley")) {
                    cell.put("setting", SETTING);
                }
                Files.writeString(dir.resolve("cells").resolve(p.getFileName()), json.writeValueAsString(cell));
            }
        }
        Files.copy(fixture.resolve("summary.json"), dir.resolve("summary.json"));
        return dir;
    }

    /**
     * A sparse run: no provenance, no summary, no metrics at all, and case-2's explanations written in
     * the importance sign convention, as exact Shapley values without intervals.
     */
    static Path sparseRun(Path dir) throws Exception {
        Report.deleteTree(dir);
        Files.createDirectories(dir.resolve("cells"));
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> s = Files.list(ReportFixture.run().resolve("cells"))) {
            for (Path p : s.sorted().toList()) {
                ObjectNode cell = (ObjectNode) json.readTree(Files.readString(p));
                if (!cell.get("case").asText().equals("case-2")) {
                    continue;
                }
                cell.putObject("metrics");
                if (cell.get("explanation").isObject()) {
                    ObjectNode e = (ObjectNode) cell.get("explanation");
                    ((ObjectNode) e.get("config")).put("sign", "importance");
                    ((ObjectNode) e.get("provenance")).put("method", "shapley");
                    com.fasterxml.jackson.databind.node.ArrayNode scores = e.putArray("attribution");
                    cell.get("explanation").path("normalized").forEach(n -> scores.add(n.asDouble()));
                    com.fasterxml.jackson.databind.node.ArrayNode intervals = ((ObjectNode) e.get("sampling")).putArray("intervals");
                    scores.forEach(n -> intervals.addArray().addNull().addNull());
                }
                Files.writeString(dir.resolve("cells").resolve(p.getFileName()), json.writeValueAsString(cell));
            }
        }
        return dir;
    }

    static List<Path> pages(Path report) throws Exception {
        try (Stream<Path> s = Files.walk(report)) {
            return s.filter(p -> p.toString().endsWith(".html") || p.toString().endsWith(".svg")).sorted().toList();
        }
    }

    @Test
    void everyPageOpensCleanlyAndEveryPlotIsDrawn() throws Exception {
        Optional<Path> chromium = Chromium.find();
        if (chromium.isEmpty()) {
            String why = "gsmile (reports): Chromium not found (GSMILE_CHROMIUM, or chromium / chromium-browser /"
                    + " google-chrome on PATH), so the report pages were not opened in a browser: apt-get install chromium";
            if (Chromium.inCi()) {
                fail(why + " (CI=true: .ci/run installs it)");
            }
            System.out.println(why);
            Assumptions.abort(why);
        }
        String other = System.getProperty("gsmile.report.dir", "");
        Path report;
        if (other.isBlank()) {
            report = Path.of("target", "report-fixture", "report").toAbsolutePath();
            Report.write(RunFolder.read(ReportFixture.run()), report);
        } else {
            report = Path.of(other).toAbsolutePath();
        }
        List<Path> pages = new ArrayList<>(pages(report));
        int fixturePages = pages.size();
        Path hostile = null;
        Path sparse = null;
        Path scenarios = null;
        int images = 0;
        if (other.isBlank()) {
            hostile = Path.of("target", "report-fixture", "report-hostile-names").toAbsolutePath();
            Report.write(RunFolder.read(hostileRun(Path.of("target", "report-fixture", "run-hostile-names"))), hostile);
            pages.addAll(pages(hostile));
            sparse = Path.of("target", "report-fixture", "report-sparse").toAbsolutePath();
            Report.write(RunFolder.read(sparseRun(Path.of("target", "report-fixture", "run-sparse"))), sparse);
            pages.addAll(pages(sparse));
            scenarios = Path.of("target", "report-fixture", "report-scenarios").toAbsolutePath();
            Report.write(RunFolder.read(ScenarioFixture.write(Path.of("target", "report-fixture", "run-scenarios")
                    .toAbsolutePath())), scenarios);
            pages.addAll(pages(scenarios));
        }
        List<String> problems = new ArrayList<>();
        int plots = 0;
        long t0 = System.nanoTime();
        try (Chromium browser = new Chromium(chromium.get())) {
            for (Path page : pages) {
                Chromium.PageResult r = browser.open(page, CHECK);
                String rel = page.startsWith(report) ? report.relativize(page).toString()
                        : page.startsWith(hostile) ? "[hostile names] " + hostile.relativize(page)
                        : page.startsWith(sparse) ? "[sparse] " + sparse.relativize(page)
                        : "[scenarios] " + scenarios.relativize(page);
                r.errors().forEach(e -> problems.add(rel + ": " + e));
                JsonNode check = r.check();
                boolean wantsPlots = check.path("plots").size() > 0;
                if (wantsPlots && !Report.plotlyVersion().equals(check.path("plotly").asText())) {
                    problems.add(rel + ": plotly.js " + check.path("plotly").asText() + " ran, not the pinned "
                            + Report.plotlyVersion());
                }
                if (rel.contains("plots/") && !wantsPlots && Files.readString(page).contains("data-plot")) {
                    problems.add(rel + ": has plots but none was found");
                }
                for (JsonNode p : check.path("plots")) {
                    plots++;
                    String id = rel + "#" + p.path("id").asText();
                    if (!p.path("drawn").asBoolean()) {
                        problems.add(id + ": not drawn (no .main-svg)");
                    }
                    if (p.path("visible").asInt() != p.path("traces").asInt() || p.path("traces").asInt() == 0) {
                        problems.add(id + ": " + p.path("visible").asInt() + " of " + p.path("traces").asInt()
                                + " traces accepted by plotly.js");
                    }
                    if (p.path("marks").asInt() == 0) {
                        problems.add(id + ": nothing drawn inside the plot area");
                    }
                    p.path("dropped").forEach(d -> problems.add(id + ": plotly.js ignored " + d.asText()));
                }
                images += check.path("images").asInt();
                check.path("brokenImages").forEach(src -> problems.add(rel + ": image not shown: " + src.asText()));
                if (rel.endsWith("scenarios.html") && check.path("plots").size() == 0) {
                    problems.add(rel + ": the scenario page drew no plot");
                }
                if (rel.endsWith(".svg") && (check.path("svgFigures").asInt() != 1 || check.path("scripts").asInt() != 0)) {
                    problems.add(rel + ": a standalone SVG must be one figure without scripts");
                }
                if ((rel.contains("cases/") || rel.contains("cells/")) && check.path("svgFigures").asInt() == 0
                        && !Files.readString(page).contains("This cell failed")) {
                    problems.add(rel + ": no prompt heatmap");
                }
            }
            String shot = System.getProperty("gsmile.report.screenshot", "");
            if (!shot.isBlank()) {
                browser.open(report.resolve("index.html"), CHECK);
                Path png = Path.of(shot).toAbsolutePath();
                Files.createDirectories(png.getParent());
                Files.write(png, browser.screenshot(1280, Integer.getInteger("gsmile.report.screenshot.height", 1600)));
                System.out.println("gsmile (reports): screenshot of " + report.resolve("index.html") + " saved to " + png);
            }
        }
        System.out.printf("gsmile (reports): %d pages, %d plots and %d images opened in Chromium in %d ms%n", pages.size(),
                plots, images, (System.nanoTime() - t0) / 1_000_000);
        assertTrue(problems.isEmpty(), problems.size() + " problems:\n" + String.join("\n", problems));
        assertTrue(plots > 0, "no plot was found in " + report);
        if (other.isBlank()) {
            // The scenario fixture's images: per ok scenario cell, its 4 on the cell page (one missing on one
            // page, shown as a note) and its input and edit as thumbnails of the scenario page's cases.
            assertEquals(8 * 4 - 1 + 4 + 8, images, "images loaded in the scenario fixture's pages");
            assertEquals(5 + 1 + 3 + 24 + 3 + 23, fixturePages,
                    "pages: index, 5 plot pages, 3 cases, 24 cells; SVG: 3 cases, 23 explanations");
        }
    }
}
