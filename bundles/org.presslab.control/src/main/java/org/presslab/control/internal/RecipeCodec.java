package org.presslab.control.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.presslab.control.api.EisSettings;
import org.presslab.control.api.Recipe;
import org.presslab.control.api.RecipeFormatException;
import org.presslab.control.api.RecipeStep;
import org.presslab.control.api.StepCondition;

/**
 * Recipe files: JSON in edge units (MPa, MPa/s, s, °C), read with Jackson's tree model and
 * checked field by field. Every problem is collected and reported at once, each naming the
 * source, the step (1-based), its type and the field.
 */
public final class RecipeCodec {

    /** Hard ceiling for any pressure in a recipe file, MPa: far above any die; catches unit mistakes (Pa for MPa). */
    static final double MAX_FILE_PRESSURE_MPA = 2000;

    /** Fields every step may have, besides its kind's own ({@link StepKind#fields()}). */
    private static final Set<String> STEP_FIELDS = Set.of("type", "conditions", "comment");
    private static final Set<String> TOP = Set.of("name", "version", "description", "maxPressureMPa", "steps");
    private static final Set<String> CONDITION_FIELDS = Set.of("kind", "lowMPa", "highMPa", "lowC", "highC", "holdGoodS");

    private final ObjectMapper mapper = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).enable(SerializationFeature.INDENT_OUTPUT);

    public Recipe parse(String json, String source) throws RecipeFormatException {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new RecipeFormatException(source + ": malformed JSON" + where + ": " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new RecipeFormatException(source + ": empty file");
        }
        if (!root.isObject()) {
            throw new RecipeFormatException(source + ": the top level must be a JSON object with 'name' and 'steps'");
        }
        List<String> errors = new ArrayList<>();
        Fields top = new Fields(source, errors, "");
        unknownFields(root, TOP, top);
        String name = top.text(root, "name", true);
        if (name != null && !name.matches("[A-Za-z0-9._-]+")) {
            top.error("name", "must use only letters, digits, '.', '_' and '-', was '" + name + "'");
        }
        int version = root.has("version") ? (int) top.number(root, "version", false, 1, 1e9, 1) : 1;
        String description = top.text(root, "description", false);
        double maxMPa = top.number(root, "maxPressureMPa", false, 0.001, MAX_FILE_PRESSURE_MPA, Double.NaN);
        List<RecipeStep> steps = new ArrayList<>();
        JsonNode stepsNode = root.get("steps");
        if (stepsNode == null) {
            top.error("steps", "is missing");
        } else if (!stepsNode.isArray() || stepsNode.isEmpty()) {
            top.error("steps", "must be a non-empty array");
        } else {
            int i = 0;
            for (JsonNode s : stepsNode) {
                i++;
                RecipeStep step = parseStep(s, i, source, errors, maxMPa);
                if (step != null) {
                    steps.add(step);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new RecipeFormatException(errors.size() == 1 ? errors.get(0)
                    : source + ": " + errors.size() + " problems: " + String.join("; ", errors));
        }
        return new Recipe(name, version, description, Double.isNaN(maxMPa) ? Double.NaN : maxMPa * 1e6, steps);
    }

    private RecipeStep parseStep(JsonNode s, int i, String source, List<String> errors, double maxMPa) {
        if (!s.isObject()) {
            errors.add(source + ": step " + i + ": must be a JSON object with a 'type'");
            return null;
        }
        JsonNode typeNode = s.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            errors.add(source + ": step " + i + ": field 'type' is missing (one of " + String.join(", ", sortedTypes()) + ")");
            return null;
        }
        String type = typeNode.asText();
        StepKind<?> kind = StepKinds.named(type);
        if (kind == null) {
            errors.add(source + ": step " + i + ": unknown step type '" + type + "' (known: " + String.join(", ", sortedTypes()) + ")");
            return null;
        }
        Set<String> allowed = new HashSet<>(STEP_FIELDS);
        allowed.addAll(kind.fields());
        double ceiling = Double.isNaN(maxMPa) ? MAX_FILE_PRESSURE_MPA : maxMPa;
        String ceilingName = Double.isNaN(maxMPa) ? "the file ceiling" : "the recipe's maxPressureMPa";
        Fields c = new Fields(source, errors, "step " + i + " (" + type + "): ", ceiling, ceilingName);
        int before = errors.size();
        unknownFields(s, allowed, c);
        List<StepCondition> conditions = conditions(s.get("conditions"), c);
        RecipeStep step = kind.read(s, c, conditions);
        return errors.size() == before ? step : null;
    }

    private List<StepCondition> conditions(JsonNode node, Fields c) {
        List<StepCondition> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (!node.isArray()) {
            c.error("conditions", "must be an array");
            return out;
        }
        int k = 0;
        for (JsonNode n : node) {
            k++;
            Fields cc = new Fields(c.source, c.errors, c.prefix + "condition " + k + ": ");
            if (!n.isObject()) {
                cc.error("kind", "condition must be an object");
                continue;
            }
            unknownFields(n, CONDITION_FIELDS, cc);
            String kind = cc.text(n, "kind", true);
            double hold = n.has("holdGoodS") ? cc.nonNegative(n, "holdGoodS", false) : 0;
            if ("pressureInBand".equals(kind)) {
                double lo = n.has("lowMPa") ? cc.number(n, "lowMPa", false, 0, MAX_FILE_PRESSURE_MPA, Double.NaN) : Double.NaN;
                double hi = n.has("highMPa") ? cc.number(n, "highMPa", false, 0, MAX_FILE_PRESSURE_MPA, Double.NaN) : Double.NaN;
                if (Double.isNaN(lo) && Double.isNaN(hi)) {
                    cc.error("lowMPa", "a pressure band needs lowMPa, highMPa or both");
                } else if (lo > hi) {
                    cc.error("lowMPa", "is above highMPa");
                }
                out.add(new StepCondition(StepCondition.Kind.PRESSURE_IN_BAND, lo * 1e6, hi * 1e6, hold));
            } else if ("temperatureInBand".equals(kind)) {
                double lo = n.has("lowC") ? cc.number(n, "lowC", false, -273.15, 1000, Double.NaN) : Double.NaN;
                double hi = n.has("highC") ? cc.number(n, "highC", false, -273.15, 1000, Double.NaN) : Double.NaN;
                if (Double.isNaN(lo) && Double.isNaN(hi)) {
                    cc.error("lowC", "a temperature band needs lowC, highC or both");
                } else if (lo > hi) {
                    cc.error("lowC", "is above highC");
                }
                out.add(new StepCondition(StepCondition.Kind.TEMPERATURE_IN_BAND, lo + 273.15, hi + 273.15, hold));
            } else if (kind != null) {
                cc.error("kind", "unknown condition '" + kind + "' (known: pressureInBand, temperatureInBand)");
            }
        }
        return out;
    }

    private static void unknownFields(JsonNode node, Set<String> allowed, Fields c) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!allowed.contains(f)) {
                c.error(f, "unknown field (allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
    }

    private static List<String> sortedTypes() {
        return StepKinds.names();
    }

    /** Serializes to the file format (edge units). */
    public String toJson(Recipe r) {
        ObjectNode root = mapper.createObjectNode();
        root.put("name", r.name());
        root.put("version", r.version());
        if (!r.description().isEmpty()) {
            root.put("description", r.description());
        }
        if (r.maxPressurePa() > 0) {
            root.put("maxPressureMPa", r.maxPressurePa() / 1e6);
        }
        ArrayNode steps = root.putArray("steps");
        for (RecipeStep s : r.steps()) {
            ObjectNode n = steps.addObject();
            StepKind<RecipeStep> kind = StepKinds.of(s);
            n.put("type", kind.name());
            kind.write(s, n);
            if (!s.conditions().isEmpty()) {
                ArrayNode cs = n.putArray("conditions");
                for (StepCondition c : s.conditions()) {
                    ObjectNode cn = cs.addObject();
                    boolean p = c.kind() == StepCondition.Kind.PRESSURE_IN_BAND;
                    cn.put("kind", p ? "pressureInBand" : "temperatureInBand");
                    if (!Double.isNaN(c.low())) {
                        cn.put(p ? "lowMPa" : "lowC", p ? c.low() / 1e6 : round(c.low() - 273.15));
                    }
                    if (!Double.isNaN(c.high())) {
                        cn.put(p ? "highMPa" : "highC", p ? c.high() / 1e6 : round(c.high() - 273.15));
                    }
                    cn.put("holdGoodS", c.holdGoodS());
                }
            }
        }
        try {
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fields of an EIS settings object in a recipe file. */
    static final Set<String> EIS_FIELDS = Set.of("maxFrequencyHz", "minFrequencyHz", "pointsPerDecade", "amplitudeMV", "circuit",
            "kk", "timeoutS", "comment");

    /** Writes {@code s} as {@code field} (nothing when null). */
    static void writeEis(ObjectNode n, String field, EisSettings s) {
        if (s == null) {
            return;
        }
        ObjectNode o = n.putObject(field);
        o.put("maxFrequencyHz", s.maxFrequencyHz()).put("minFrequencyHz", s.minFrequencyHz())
                .put("pointsPerDecade", s.pointsPerDecade()).put("amplitudeMV", round(s.amplitudeV() * 1e3));
        if (s.fits()) {
            o.put("circuit", s.circuit());
        }
        if (s.kk()) {
            o.put("kk", true);
        }
        if (Double.isFinite(s.timeoutS())) {
            o.put("timeoutS", s.timeoutS());
        }
    }

    /** Rounds to 1e-6 (°C in files: no binary noise from the kelvin conversion). */
    static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    /** Field access with error collection, for the top level, a step ({@link StepKind#read}) or a condition. */
    static final class Fields {
        final String source;
        final List<String> errors;
        final String prefix;
        /** For a step: the highest pressure its targets may have, MPa, and what that limit is. */
        private final double ceilingMPa;
        private final String ceilingName;

        Fields(String source, List<String> errors, String prefix) {
            this(source, errors, prefix, MAX_FILE_PRESSURE_MPA, "the file ceiling");
        }

        Fields(String source, List<String> errors, String prefix, double ceilingMPa, String ceilingName) {
            this.source = source;
            this.errors = errors;
            this.prefix = prefix;
            this.ceilingMPa = ceilingMPa;
            this.ceilingName = ceilingName;
        }

        void error(String field, String what) {
            errors.add(source + ": " + prefix + "field '" + field + "' " + what);
        }

        String text(JsonNode n, String field, boolean required) {
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) {
                if (required) {
                    error(field, "is missing");
                }
                return null;
            }
            if (!v.isTextual()) {
                error(field, "must be a string, was " + v);
                return null;
            }
            return v.asText();
        }

        double number(JsonNode n, String field, boolean required, double min, double max, double dflt) {
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) {
                if (required) {
                    error(field, "is missing");
                }
                return dflt;
            }
            if (!v.isNumber()) {
                error(field, "must be a number, was " + v);
                return dflt;
            }
            double d = v.asDouble();
            if (!Double.isFinite(d) || d < min || d > max) {
                error(field, String.format(Locale.ROOT, "must be in %s..%s, was %s", trim(min), trim(max), v));
                return dflt;
            }
            return d;
        }

        double positive(JsonNode n, String field, boolean required) {
            JsonNode v = n.get(field);
            if (v != null && v.isNumber() && !(v.asDouble() > 0)) {
                error(field, "must be positive, was " + v);
                return Double.NaN;
            }
            return number(n, field, required, Double.MIN_VALUE, 1e12, Double.NaN);
        }

        double nonNegative(JsonNode n, String field, boolean required) {
            JsonNode v = n.get(field);
            if (v != null && v.isNumber() && v.asDouble() < 0) {
                error(field, "must not be negative, was " + v);
                return Double.NaN;
            }
            return number(n, field, required, 0, 1e12, Double.NaN);
        }

        /** A pressure target, MPa: not negative, not above the recipe's or the file's ceiling. */
        double target(JsonNode n, String field, boolean required) {
            JsonNode v = n.get(field);
            if (v != null && v.isNumber()) {
                double d = v.asDouble();
                if (d < 0) {
                    error(field, "must not be negative, was " + v);
                    return Double.NaN;
                }
                if (d > ceilingMPa) {
                    error(field, String.format(Locale.ROOT, "%s MPa is above %s (%s MPa)", v, ceilingName, trim(ceilingMPa)));
                    return Double.NaN;
                }
            }
            return number(n, field, required, 0, ceilingMPa, Double.NaN);
        }

        /**
         * An EIS settings object ({@link #EIS_FIELDS}; {@code true} for the defaults) as {@code field}; absent or
         * {@code false}: null. Missing fields take {@code dflt}'s values (or {@link EisSettings#DEFAULT}'s).
         */
        EisSettings eis(JsonNode n, String field, EisSettings dflt) {
            JsonNode v = n.get(field);
            EisSettings d = dflt == null ? EisSettings.DEFAULT : dflt;
            if (v == null || v.isNull() || (v.isBoolean() && !v.asBoolean())) {
                return null;
            }
            if (v.isBoolean()) {
                return d;
            }
            if (!v.isObject()) {
                error(field, "must be an object of EIS settings (" + String.join(", ", new java.util.TreeSet<>(EIS_FIELDS))
                        + ") or true, was " + v);
                return null;
            }
            Fields e = new Fields(source, errors, prefix + "field '" + field + "': ");
            unknownFields(v, EIS_FIELDS, e);
            return e.eisFields(v, d);
        }

        /** The EIS settings fields of {@code v}, errors to this; missing fields take {@code d}'s values. */
        EisSettings eisFields(JsonNode v, EisSettings d) {
            Fields e = this;
            double max = v.has("maxFrequencyHz") ? e.number(v, "maxFrequencyHz", false, 1e-6, 1e10, Double.NaN) : d.maxFrequencyHz();
            double min = v.has("minFrequencyHz") ? e.number(v, "minFrequencyHz", false, 1e-6, 1e10, Double.NaN) : d.minFrequencyHz();
            if (min > max) {
                e.error("minFrequencyHz", "is above maxFrequencyHz");
            }
            int ppd = v.has("pointsPerDecade") ? (int) e.number(v, "pointsPerDecade", false, 1, 100, Double.NaN) : d.pointsPerDecade();
            if (v.has("pointsPerDecade") && v.get("pointsPerDecade").isNumber() && v.get("pointsPerDecade").asDouble() != ppd) {
                e.error("pointsPerDecade", "must be a whole number, was " + v.get("pointsPerDecade"));
            }
            double amp = v.has("amplitudeMV") ? e.number(v, "amplitudeMV", false, 0.001, 10_000, Double.NaN) / 1e3 : d.amplitudeV();
            String circuit = v.has("circuit") ? e.text(v, "circuit", false) : d.circuit();
            boolean kk = d.kk();
            if (v.has("kk")) {
                if (!v.get("kk").isBoolean()) {
                    e.error("kk", "must be true or false, was " + v.get("kk"));
                } else {
                    kk = v.get("kk").asBoolean();
                }
            }
            double timeout = v.has("timeoutS") ? e.positive(v, "timeoutS", false) : d.timeoutS();
            return new EisSettings(max, min, ppd, amp, circuit, kk, timeout);
        }

        private static String trim(double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        }
    }
}
