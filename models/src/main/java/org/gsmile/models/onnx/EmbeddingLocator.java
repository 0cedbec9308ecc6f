package org.gsmile.models.onnx;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gsmile.core.UserInputException;

/**
 * Finds a model's input token embedding table in its ONNX graph: the float32 [vocab, d] constant
 * that a Gather on axis 0 indexes with the token ids themselves. Requiring the indices to be the
 * ids (through value-preserving ops only) rules out look-alikes: stories260K's RoPE tables are
 * gathered by position and tinygpt's position table has as many rows as some vocabularies.
 */
final class EmbeddingLocator {

    /** Ops that pass token ids through unchanged in value, as exporters insert them. */
    private static final Set<String> ID_PRESERVING = Set.of("Cast", "Identity", "Reshape", "Unsqueeze", "Squeeze",
            "Flatten");

    /** The table found, or why there is none. Exactly one of the two is non-null. */
    record Lookup(OnnxGraph.Tensor table, String problem) {
    }

    /** The table's rows, [vocab][d], or why there are none. Exactly one of the two is non-null. */
    record Table(float[][] rows, String problem) {
    }

    private EmbeddingLocator() {
    }

    /**
     * Reads the embedding table of a model ONNX Runtime has already loaded. A graph this reader
     * cannot follow costs only the embedding-based distances, so it is reported, not thrown.
     */
    static Table read(Path modelFile, String idsInput, int vocabSize, String named) {
        try {
            OnnxGraph graph = OnnxGraph.read(modelFile);
            Lookup lookup = locate(graph, idsInput, vocabSize, named);
            return lookup.table() == null ? new Table(null, lookup.problem())
                    : new Table(rows(graph, lookup.table()), null);
        } catch (UserInputException e) {
            return new Table(null, e.getMessage());
        }
    }

    /**
     * @param named the initializer config.json names as the embedding table, or null to search
     */
    static Lookup locate(OnnxGraph graph, String idsInput, int vocabSize, String named) {
        if (named != null) {
            OnnxGraph.Tensor table = graph.tensors().get(named);
            if (table == null) {
                return new Lookup(null, "config.json names embedding_initializer '" + named
                        + "' but the graph has no constant of that name");
            }
            String shapeProblem = shapeProblem(table, vocabSize);
            return shapeProblem == null ? new Lookup(table, null) : new Lookup(null, shapeProblem);
        }
        Map<String, OnnxGraph.Node> producers = new HashMap<>();
        for (OnnxGraph.Node node : graph.nodes()) {
            for (String output : node.outputs()) {
                producers.put(output, node);
            }
        }
        Set<OnnxGraph.Tensor> candidates = new LinkedHashSet<>();
        for (OnnxGraph.Node node : graph.nodes()) {
            if (!isGatherOnRows(node) || !carriesIds(node.inputs().get(1), idsInput, producers)) {
                continue;
            }
            OnnxGraph.Tensor table = constantBehindIdentity(node.inputs().get(0), graph, producers);
            if (table != null && shapeProblem(table, vocabSize) == null) {
                candidates.add(table);
            }
        }
        if (candidates.size() == 1) {
            return new Lookup(candidates.iterator().next(), null);
        }
        String found = candidates.isEmpty() ? "no float32 [" + vocabSize + ", d] constant gathered by " + idsInput
                : candidates.size() + " constants gathered by " + idsInput + " ("
                + String.join(", ", candidates.stream().map(OnnxGraph.Tensor::name).toList()) + ")";
        return new Lookup(null, found + "; name the table with \"embedding_initializer\" in config.json");
    }

    /** The table's rows, [vocab][d]. */
    static float[][] rows(OnnxGraph graph, OnnxGraph.Tensor table) {
        float[] flat = graph.floats(table);
        int vocab = (int) table.dims()[0];
        int dim = (int) table.dims()[1];
        float[][] rows = new float[vocab][dim];
        for (int token = 0; token < vocab; token++) {
            System.arraycopy(flat, token * dim, rows[token], 0, dim);
        }
        for (float[] row : rows) {
            for (float v : row) {
                if (!Float.isFinite(v)) {
                    throw new UserInputException("the token embedding table " + table.name()
                            + " holds a value that is not finite: the model file is damaged");
                }
            }
        }
        return rows;
    }

    private static boolean isGatherOnRows(OnnxGraph.Node node) {
        return node.opType().equals("Gather") && (node.domain().isEmpty() || node.domain().equals("ai.onnx"))
                && node.inputs().size() == 2 && node.intAttribute("axis", 0) == 0;
    }

    private static boolean carriesIds(String value, String idsInput, Map<String, OnnxGraph.Node> producers) {
        String current = value;
        for (int hops = 0; hops < 16; hops++) {
            if (current.equals(idsInput)) {
                return true;
            }
            OnnxGraph.Node producer = producers.get(current);
            if (producer == null || !ID_PRESERVING.contains(producer.opType()) || producer.inputs().isEmpty()) {
                return false;
            }
            current = producer.inputs().get(0);
        }
        return false;
    }

    /** Exporters of tied weights often route the shared initializer through Identity nodes. */
    private static OnnxGraph.Tensor constantBehindIdentity(String value, OnnxGraph graph,
                                                           Map<String, OnnxGraph.Node> producers) {
        String current = value;
        for (int hops = 0; hops < 16; hops++) {
            OnnxGraph.Tensor tensor = graph.tensors().get(current);
            if (tensor != null) {
                return tensor;
            }
            OnnxGraph.Node producer = producers.get(current);
            if (producer == null || !producer.opType().equals("Identity") || producer.inputs().size() != 1) {
                return null;
            }
            current = producer.inputs().get(0);
        }
        return null;
    }

    private static String shapeProblem(OnnxGraph.Tensor table, int vocabSize) {
        List<Long> dims = Arrays.stream(table.dims()).boxed().toList();
        if (table.dataType() != OnnxGraph.FLOAT || dims.size() != 2 || dims.get(0) != vocabSize || dims.get(1) < 1) {
            return "constant " + table.name() + " is " + (table.dataType() == OnnxGraph.FLOAT ? "float32 " : "not float32 ")
                    + dims + ", not a float32 [" + vocabSize + ", d] embedding table";
        }
        return null;
    }
}
