package org.gsmile.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What the report reads of an explanation's JSON ({@code ExplanationJson}'s format, README "JSON
 * output"): tolerant of keys it does not know and of keys a cell leaves out, since an explanation
 * written by an older or newer version must still be shown.
 */
final class Explained {
    record Unit(String text, int start, int end) {
    }

    record Warning(String code, String message, String remedy) {
    }

    private final JsonNode e;
    private final List<Unit> units = new ArrayList<>();
    private final double[] scores;
    private final double[] normalized;
    private final double[] lower;
    private final double[] upper;

    Explained(JsonNode e) {
        this.e = e;
        for (JsonNode u : e.path("units")) {
            units.add(new Unit(u.path("text").asText(), u.path("start").asInt(), u.path("end").asInt()));
        }
        int n = units.size();
        scores = numbers(e.path("attribution"), n);
        double[] norm = numbers(e.path("normalized"), n);
        if (e.path("normalized").size() != n) {
            double max = 0;
            for (double s : scores) {
                if (Double.isFinite(s)) {
                    max = Math.max(max, Math.abs(s));
                }
            }
            for (int i = 0; i < n; i++) {
                norm[i] = max > 0 ? Math.abs(scores[i]) / max : 0;
            }
        }
        normalized = norm;
        lower = new double[n];
        upper = new double[n];
        // Where the explanation says its intervals mean nothing (no-intervals: too few samples), the
        // report does not show them either, as the command line does not.
        boolean withheld = false;
        for (JsonNode w : e.path("warnings")) {
            withheld |= w.path("code").asText().equals(NO_INTERVALS);
        }
        JsonNode intervals = e.path("sampling").path("intervals");
        for (int i = 0; i < n; i++) {
            JsonNode iv = intervals.path(i);
            lower[i] = withheld ? Double.NaN : number(iv.path(0));
            upper[i] = withheld ? Double.NaN : number(iv.path(1));
        }
    }

    static final String NO_INTERVALS = "no-intervals";

    /** The codes of the warnings that mean the scores support no ranking. */
    List<String> blocking() {
        return warnings().stream().map(Warning::code).filter(Tables::blocks).toList();
    }

    JsonNode json() {
        return e;
    }

    String prompt() {
        return e.path("prompt").asText("");
    }

    String output() {
        return e.path("output").asText("");
    }

    List<Unit> units() {
        return units;
    }

    double[] scores() {
        return scores;
    }

    double[] normalized() {
        return normalized;
    }

    double[] lower() {
        return lower;
    }

    double[] upper() {
        return upper;
    }

    /** {@code distance} (the surrogate's own sign) or {@code importance}. */
    String sign() {
        return e.path("config").path("sign").asText("distance");
    }

    /**
     * The score in the distance convention, whatever the explanation used: negative = keeping the
     * unit holds the output in place. The prompt heatmap colours by it, so blue means the same in
     * every explanation.
     */
    double distanceScore(int i) {
        return sign().equals("importance") ? -scores[i] : scores[i];
    }

    String method() {
        return e.path("provenance").path("method").asText("surrogate");
    }

    double r2w() {
        return number(e.path("fidelity").path("r2w"));
    }

    int samplesUsed() {
        return e.path("sampling").path("samples").asInt(e.path("samples").size());
    }

    double level() {
        double l = number(e.path("sampling").path("level"));
        return Double.isFinite(l) ? l : 0.95;
    }

    List<Warning> warnings() {
        List<Warning> out = new ArrayList<>();
        for (JsonNode w : e.path("warnings")) {
            out.add(new Warning(w.path("code").asText(""), w.path("message").asText(""), w.path("remedy").asText("")));
        }
        return out;
    }

    JsonNode samples() {
        return e.path("samples");
    }

    static double number(JsonNode n) {
        return n != null && n.isNumber() ? n.asDouble() : Double.NaN;
    }

    private static double[] numbers(JsonNode array, int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = number(array.path(i));
        }
        return d;
    }
}
