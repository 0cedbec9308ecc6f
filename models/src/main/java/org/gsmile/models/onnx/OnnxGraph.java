package org.gsmile.models.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gsmile.core.UserInputException;
import org.gsmile.models.onnx.ProtoReader.MalformedProtoException;

/**
 * The structure of an ONNX file as written, read straight from its protobuf: graph inputs and
 * outputs, nodes, and where each constant tensor (initializer or Constant node) keeps its data.
 * ONNX Runtime does not expose initializers, so this is how the backend finds a model's token
 * embeddings. Tensor data stays in the mapped file until {@link #floats} asks for it.
 */
final class OnnxGraph {

    /** TensorProto.DataType values this backend cares about. */
    static final int FLOAT = 1;
    static final int INT64 = 7;

    /**
     * A graph input or output.
     *
     * @param elemType TensorProto.DataType of the elements, 0 when not declared
     * @param dims     each dimension as its size or its symbolic name; null when no shape is declared
     */
    record ValueInfo(String name, int elemType, List<String> dims) {
    }

    record Node(String opType, String domain, List<String> inputs, List<String> outputs,
                Map<String, Long> intAttributes) {
        long intAttribute(String name, long fallback) {
            return intAttributes.getOrDefault(name, fallback);
        }
    }

    /**
     * A constant tensor; {@code start}/{@code end} delimit its TensorProto inside the file, so its
     * data is decoded only when needed.
     */
    record Tensor(String name, long[] dims, int dataType, int start, int end) {
    }

    private final Path file;
    private final ByteBuffer bytes;
    private final List<ValueInfo> inputs;
    private final List<ValueInfo> outputs;
    private final List<Node> nodes;
    private final Map<String, Tensor> tensors;

    private OnnxGraph(Path file, ByteBuffer bytes, List<ValueInfo> inputs, List<ValueInfo> outputs,
                      List<Node> nodes, Map<String, Tensor> tensors) {
        this.file = file;
        this.bytes = bytes;
        this.inputs = inputs;
        this.outputs = outputs;
        this.nodes = nodes;
        this.tensors = tensors;
    }

    static OnnxGraph read(Path file) {
        ByteBuffer bytes = map(file);
        try {
            return parseModel(file, bytes);
        } catch (MalformedProtoException e) {
            throw new UserInputException(file + " is not a valid ONNX file (" + e.getMessage()
                    + "): replace it with a complete export");
        }
    }

    /** Graph inputs that must be fed: in IR version 3 files initializers are listed as inputs too. */
    List<ValueInfo> feedInputs() {
        return inputs.stream().filter(v -> !tensors.containsKey(v.name())).toList();
    }

    List<ValueInfo> outputs() {
        return outputs;
    }

    List<Node> nodes() {
        return nodes;
    }

    /** Initializers and Constant-node values by name. */
    Map<String, Tensor> tensors() {
        return tensors;
    }

    /** The float32 values of a constant tensor, in row-major order. */
    float[] floats(Tensor tensor) {
        if (tensor.dataType() != FLOAT) {
            throw new IllegalArgumentException(tensor.name() + " is not float32");
        }
        long count = 1;
        for (long d : tensor.dims()) {
            count = Math.multiplyExact(count, d);
        }
        if (count > Integer.MAX_VALUE) {
            throw new UserInputException(file + ": tensor " + tensor.name() + " is too large to read");
        }
        float[] values = new float[(int) count];
        try {
            fill(tensor, values);
        } catch (MalformedProtoException e) {
            throw new UserInputException(file + " is not a valid ONNX file (tensor " + tensor.name() + ": "
                    + e.getMessage() + "): replace it with a complete export");
        }
        return values;
    }

    private void fill(Tensor tensor, float[] values) {
        ProtoReader t = new ProtoReader(bytes, tensor.start(), tensor.end());
        int filled = 0;
        Map<String, String> external = new HashMap<>();
        boolean isExternal = false;
        while (t.next()) {
            switch (t.field()) {
                case 4 -> { // float_data, packed or not
                    if (t.wireType() == ProtoReader.LENGTH_DELIMITED) {
                        int[] region = t.region();
                        filled = copyFloats(region[0], region[1], values, filled);
                    } else {
                        filled = put(values, filled, t.fixed32AsFloat());
                    }
                }
                case 9 -> { // raw_data: little-endian, whatever the platform
                    int[] region = t.region();
                    filled = copyFloats(region[0], region[1], values, filled);
                }
                case 13 -> { // external_data: key/value pairs
                    ProtoReader entry = t.message();
                    String key = null;
                    String value = null;
                    while (entry.next()) {
                        if (entry.field() == 1) {
                            key = entry.string();
                        } else if (entry.field() == 2) {
                            value = entry.string();
                        } else {
                            entry.skip();
                        }
                    }
                    if (key != null && value != null) {
                        external.put(key, value);
                    }
                }
                case 14 -> isExternal = t.varint() == 1;
                default -> t.skip();
            }
        }
        if (isExternal) {
            filled = readExternal(tensor, external, values);
        }
        if (filled != values.length) {
            throw new MalformedProtoException("holds " + filled + " values, its shape needs " + values.length);
        }
    }

    private int readExternal(Tensor tensor, Map<String, String> external, float[] values) {
        String location = external.get("location");
        if (location == null) {
            throw new MalformedProtoException("external data without a location");
        }
        Path dataFile = file.toAbsolutePath().getParent().resolve(location);
        long offset = Long.parseLong(external.getOrDefault("offset", "0"));
        long length = (long) values.length * Float.BYTES;
        try (FileChannel channel = FileChannel.open(dataFile, StandardOpenOption.READ)) {
            if (offset + length > channel.size()) {
                throw new UserInputException(dataFile + " is truncated: tensor " + tensor.name() + " needs bytes up to "
                        + (offset + length) + ", the file has " + channel.size());
            }
            ByteBuffer data = channel.map(FileChannel.MapMode.READ_ONLY, offset, length).order(ByteOrder.LITTLE_ENDIAN);
            data.asFloatBuffer().get(values);
            return values.length;
        } catch (NoSuchFileException e) {
            throw new UserInputException(dataFile + " does not exist: " + file + " keeps tensor " + tensor.name()
                    + " there; put the external data file beside the model");
        } catch (IOException e) {
            throw new UserInputException("cannot read " + dataFile + ": " + e.getMessage(), e);
        }
    }

    private int copyFloats(int start, int end, float[] values, int filled) {
        int count = (end - start) / Float.BYTES;
        if ((end - start) % Float.BYTES != 0 || filled + count > values.length) {
            throw new MalformedProtoException("holds " + (end - start) + " bytes of data, its shape needs "
                    + (long) values.length * Float.BYTES);
        }
        bytes.duplicate().position(start).limit(end).slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
                .get(values, filled, count);
        return filled + count;
    }

    private static int put(float[] values, int filled, float value) {
        if (filled >= values.length) {
            throw new MalformedProtoException("holds more values than its shape allows");
        }
        values[filled] = value;
        return filled + 1;
    }

    private static ByteBuffer map(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() > Integer.MAX_VALUE) {
                throw new UserInputException(file + " is " + channel.size() + " bytes; an ONNX protobuf holds at most"
                        + " 2 GiB, larger models keep their weights in external data files");
            }
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        } catch (NoSuchFileException e) {
            throw new UserInputException(file + " does not exist: check the path");
        } catch (IOException e) {
            throw new UserInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static OnnxGraph parseModel(Path file, ByteBuffer bytes) {
        ProtoReader model = new ProtoReader(bytes);
        ProtoReader graph = null;
        while (model.next()) {
            if (model.field() == 7 && model.wireType() == ProtoReader.LENGTH_DELIMITED) {
                graph = model.message();
            } else {
                model.skip();
            }
        }
        if (graph == null) {
            throw new MalformedProtoException("no graph");
        }
        List<ValueInfo> inputs = new ArrayList<>();
        List<ValueInfo> outputs = new ArrayList<>();
        List<Node> nodes = new ArrayList<>();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        while (graph.next()) {
            switch (graph.field()) {
                case 1 -> nodes.add(parseNode(bytes, graph.message(), tensors));
                case 5 -> {
                    int[] region = graph.region();
                    Tensor t = parseTensor(bytes, region, null);
                    tensors.put(t.name(), t);
                }
                case 11 -> inputs.add(parseValueInfo(graph.message()));
                case 12 -> outputs.add(parseValueInfo(graph.message()));
                default -> graph.skip();
            }
        }
        return new OnnxGraph(file, bytes, List.copyOf(inputs), List.copyOf(outputs), List.copyOf(nodes),
                Collections.unmodifiableMap(tensors));
    }

    /** Reads a node; a Constant node's value tensor is recorded under the node's output name. */
    private static Node parseNode(ByteBuffer bytes, ProtoReader node, Map<String, Tensor> tensors) {
        List<String> in = new ArrayList<>();
        List<String> out = new ArrayList<>();
        String op = "";
        String domain = "";
        Map<String, Long> ints = new HashMap<>();
        int[] constantValue = null;
        while (node.next()) {
            switch (node.field()) {
                case 1 -> in.add(node.string());
                case 2 -> out.add(node.string());
                case 4 -> op = node.string();
                case 7 -> domain = node.string();
                case 5 -> {
                    ProtoReader attribute = node.message();
                    String name = null;
                    Long i = null;
                    int[] tensorRegion = null;
                    while (attribute.next()) {
                        switch (attribute.field()) {
                            case 1 -> name = attribute.string();
                            case 3 -> i = attribute.varint();
                            case 5 -> tensorRegion = attribute.region();
                            default -> attribute.skip();
                        }
                    }
                    if (name != null && i != null) {
                        ints.put(name, i);
                    }
                    if ("value".equals(name) && tensorRegion != null) {
                        constantValue = tensorRegion;
                    }
                }
                default -> node.skip();
            }
        }
        if (op.equals("Constant") && constantValue != null && out.size() == 1) {
            Tensor t = parseTensor(bytes, constantValue, out.get(0));
            tensors.put(t.name(), t);
        }
        return new Node(op, domain, List.copyOf(in), List.copyOf(out), Map.copyOf(ints));
    }

    private static Tensor parseTensor(ByteBuffer bytes, int[] region, String nameOverride) {
        ProtoReader tensor = new ProtoReader(bytes, region[0], region[1]);
        List<Long> dims = new ArrayList<>();
        int dataType = 0;
        String name = "";
        while (tensor.next()) {
            switch (tensor.field()) {
                case 1 -> tensor.int64s(dims::add);
                case 2 -> dataType = (int) tensor.varint();
                case 8 -> name = tensor.string();
                default -> tensor.skip();
            }
        }
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = dims.get(i);
            if (shape[i] < 0) {
                throw new MalformedProtoException("tensor " + name + " has negative dimension " + shape[i]);
            }
        }
        return new Tensor(nameOverride != null ? nameOverride : name, shape, dataType, region[0], region[1]);
    }

    private static ValueInfo parseValueInfo(ProtoReader valueInfo) {
        String name = "";
        int elemType = 0;
        List<String> dims = null;
        while (valueInfo.next()) {
            if (valueInfo.field() == 1) {
                name = valueInfo.string();
            } else if (valueInfo.field() == 2) {
                ProtoReader type = valueInfo.message();
                while (type.next()) {
                    if (type.field() != 1) { // only tensor types matter here
                        type.skip();
                        continue;
                    }
                    ProtoReader tensorType = type.message();
                    while (tensorType.next()) {
                        if (tensorType.field() == 1) {
                            elemType = (int) tensorType.varint();
                        } else if (tensorType.field() == 2) {
                            dims = parseShape(tensorType.message());
                        } else {
                            tensorType.skip();
                        }
                    }
                }
            } else {
                valueInfo.skip();
            }
        }
        return new ValueInfo(name, elemType, dims);
    }

    private static List<String> parseShape(ProtoReader shape) {
        List<String> dims = new ArrayList<>();
        while (shape.next()) {
            if (shape.field() != 1) {
                shape.skip();
                continue;
            }
            ProtoReader dim = shape.message();
            String value = "?";
            while (dim.next()) {
                if (dim.field() == 1) {
                    value = Long.toString(dim.varint());
                } else if (dim.field() == 2) {
                    value = dim.string();
                } else {
                    dim.skip();
                }
            }
            dims.add(value);
        }
        return List.copyOf(dims);
    }
}
