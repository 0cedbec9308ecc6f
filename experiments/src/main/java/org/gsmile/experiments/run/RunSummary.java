package org.gsmile.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gsmile.experiments.plan.Cell;
import org.gsmile.experiments.plan.Experiment;
import org.gsmile.experiments.plan.ModelEntry;
import org.gsmile.metrics.faithfulness.ModelFaithfulness;

/**
 * {@code summary.json}: what the run as a whole did — cells finished and failed (with their
 * errors), attempts retried, calls, where the time went — and the one metric that is a property of several models
 * rather than of a cell, the thesis's model-level faithfulness.
 */
final class RunSummary {
    private RunSummary() {
    }

    static ObjectNode of(ExperimentRunner.Result r, Map<String, JsonNode> finished, List<Cell> cells, Experiment exp) {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("cells", r.cells());
        int ok = 0;
        ArrayNode failed = JsonNodeFactory.instance.arrayNode();
        Map<String, double[]> auroc = new LinkedHashMap<>();
        for (ModelEntry m : exp.models()) {
            auroc.put(m.name(), new double[2]);
        }
        for (Cell c : cells) {
            JsonNode cell = finished.get(c.id());
            if (cell == null) {
                continue;
            }
            if ("ok".equals(cell.path("status").asText())) {
                ok++;
                JsonNode a = cell.path("metrics").path("accuracy").path("attAuroc");
                if (a.isNumber()) {
                    double[] sum = auroc.get(c.model().name());
                    sum[0] += a.asDouble();
                    sum[1]++;
                }
            } else {
                failed.addObject().put("id", c.id()).put("model", c.model().name()).put("case", c.kase().id())
                        .put("setting", c.setting()).put("error", cell.path("error").asText());
            }
        }
        s.put("ok", ok);
        s.set("failed", failed);
        // Calls are this run's; times add up every cell's own, so a resumed run keeps the first run's figures.
        ObjectNode calls = s.putObject("calls");
        calls.put("model", r.modelCalls());
        calls.put("fromStore", r.fromStore());
        calls.put("reusedCells", r.reused());
        // Attempts an executor lost and ran again (Spark task failures and kills); each cell has one file all the same.
        s.put("retried", r.retried());
        double model = 0;
        double total = 0;
        for (Cell c : cells) {
            JsonNode cell = finished.get(c.id());
            if (cell != null && cell.at("/timingsMs/model").isNumber()) {
                model += cell.at("/timingsMs/model").asDouble();
                total += cell.at("/timingsMs/total").asDouble();
            }
        }
        ObjectNode t = s.putObject("timingsMs");
        t.put("lastRunWall", Math.round(r.wallMs()));
        t.put("model", Math.round(model));
        t.put("outsideModel", Math.round(total - model));
        if (model > 0) {
            t.put("outsideShare", Math.round(1e4 * (total - model) / model) / 1e4);
        }
        // The clock above counts a cell outside the model only while none of its calls is in flight; the
        // CPU time of this run's threads says what the work beside the model cost (see ThreadCpu).
        if (r.ran() == 0) {
            t.put("cpu", "not measured: no cell ran in this run");
        } else if (r.cpu().isPresent()) {
            ThreadCpu.Split cpu = r.cpu().get();
            ObjectNode c = t.putObject("cpu");
            c.put("modelThreads", Math.round(cpu.model()));
            c.put("rest", Math.round(cpu.rest()));
            c.put("compilers", Math.round(cpu.compilers()));
            c.put("gc", Math.round(cpu.gc()));
            c.put("process", Math.round(cpu.process()));
            if (cpu.model() > 0) {
                c.put("restShare", Math.round(1e4 * cpu.rest() / cpu.model()) / 1e4);
            }
        } else {
            t.put("cpu", "not measured: the cells ran outside this JVM, or /proc/self/task (Linux) could not be"
                    + " read");
        }
        var faithfulness = exp.metrics().faithfulness();
        if (faithfulness != null && faithfulness.modelAccuracy() != null && !faithfulness.modelAccuracy().isEmpty()) {
            Map<String, Double> mean = new LinkedHashMap<>();
            auroc.forEach((name, sum) -> mean.put(name, sum[1] == 0 ? Double.NaN : sum[0] / sum[1]));
            if (mean.values().stream().allMatch(Double::isFinite)) {
                ModelFaithfulness f = ModelFaithfulness.of(mean, faithfulness.modelAccuracy());
                ObjectNode mf = s.putObject("modelFaithfulness");
                if (Double.isFinite(f.correlation())) {
                    mf.put("pearson", f.correlation());
                } else {
                    mf.putNull("pearson");
                }
                ArrayNode models = mf.putArray("models");
                for (int i = 0; i < f.models().size(); i++) {
                    models.addObject().put("name", f.models().get(i)).put("meanAttAuroc", f.meanAttAuroc().get(i))
                            .put("accuracy", f.externalAccuracy().get(i));
                }
            } else {
                s.put("modelFaithfulness", "not computed: every model needs cells with an ATT-AUROC (cases with"
                        + " relevant words and the accuracy metric)");
            }
        }
        return s;
    }
}
