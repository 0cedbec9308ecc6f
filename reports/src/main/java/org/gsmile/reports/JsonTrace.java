package org.gsmile.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tech.tablesaw.plotly.components.HoverLabel;
import tech.tablesaw.plotly.traces.Trace;

/**
 * A tablesaw-jsplot trace written as Plotly JSON, for what jsplot 0.44.4's traces cannot say: bars
 * with error bars ({@code error_y}), and a heatmap with a diverging colour scale centred on a value
 * ({@code colorscale}, {@code zmid}) and its values written in the cells ({@code texttemplate}). It goes
 * into a jsplot {@link tech.tablesaw.plotly.components.Figure} beside jsplot's own traces.
 */
final class JsonTrace implements Trace {
    private final ObjectNode trace;

    JsonTrace(ObjectNode trace) {
        this.trace = trace;
    }

    @Override
    public String asJavascript(int i) {
        return "var trace" + i + " = " + script(trace) + ";";
    }

    @Override
    public String name() {
        return trace.path("name").asText("");
    }

    @Override
    public HoverLabel hoverLabel() {
        return null;
    }

    @Override
    public boolean showLegend() {
        return trace.path("showlegend").asBoolean(true);
    }

    /**
     * JSON that is safe inside an HTML {@code <script>}: no {@code </} (which would end the script)
     * and no U+2028/U+2029 (line terminators in older JavaScript).
     */
    static String script(Object json) {
        try {
            return RunFolder.MAPPER.writeValueAsString(json).replace("</", "<\\/").replace("\u2028", "\\u2028")
                    .replace("\u2029", "\\u2029");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
