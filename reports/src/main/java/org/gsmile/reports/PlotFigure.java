package org.gsmile.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import tech.tablesaw.plotly.components.Config;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.Trace;

/**
 * A tablesaw-jsplot figure whose layout can carry what jsplot 0.44.4's {@link Layout} template has no
 * field for (box grouping, legend placement, a second x axis's title, subplot titles, reference lines):
 * jsplot writes its layout as usual and these keys are merged into it before the plot is drawn (an
 * object value into the object of the same key, anything else replacing it).
 */
final class PlotFigure extends Figure {
    private final ObjectNode extras;

    PlotFigure(Layout layout, ObjectNode extras, Trace... traces) {
        super(Figure.builder().layout(layout)
                .config(Config.builder().displayLogo(false).responsive(true).build()).addTraces(traces));
        this.extras = extras;
    }

    @Override
    protected void buildContext(String divName) {
        super.buildContext(divName);
        if (extras == null || extras.isEmpty()) {
            return;
        }
        StringBuilder js = new StringBuilder(String.valueOf(getContext().get("figure")));
        for (Map.Entry<String, JsonNode> f : extras.properties()) {
            String key = JsonTrace.script(f.getKey());
            String value = JsonTrace.script(f.getValue());
            if (f.getValue().isObject()) {
                js.append("layout[").append(key).append("] = Object.assign(layout[").append(key).append("] || {}, ")
                        .append(value).append(");").append(System.lineSeparator());
            } else {
                js.append("layout[").append(key).append("] = ").append(value).append(";").append(System.lineSeparator());
            }
        }
        getContext().put("figure", js.toString());
    }
}
