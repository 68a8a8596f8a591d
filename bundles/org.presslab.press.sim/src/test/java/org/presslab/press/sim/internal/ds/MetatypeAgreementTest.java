package org.presslab.press.sim.internal.ds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The simulated devices' configurations (one OCD per device kind, written out by bnd into
 * {@code OSGI-INF/metatype}) share many attributes: the driver id, the seed, the sample rate, the cell, the load
 * cell, the hydraulics, the ratings. An attribute id that stands in more than one OCD must mean the same
 * everywhere: the same type, cardinality, required-ness, bounds and options, and the same default, except where
 * the default is the device's own (what {@code SimSpec.defaults(kind)} gives that kind: a 2 t crimper is not
 * rated like a 15 t press).
 */
class MetatypeAgreementTest {

    /** Attributes whose default is the modelled device's own; everything else about them must still agree. */
    static final Map<String, String> DEVICE_DEFAULTS = Map.ofEntries(
            Map.entry("sampleRateHz", "each device's readout: 500 Hz press controllers, 200 Hz motor frame, 100 Hz CIP, 50 Hz digital indicators"),
            Map.entry("loadCellRangeKN", "the load cell fitted to the device (50 kN presses, 30 kN crimper, 10 kN frames)"),
            Map.entry("loadCellResolutionN", "with the load cell"),
            Map.entry("loadCellNoiseN", "with the load cell"),
            Map.entry("ratedForceKN", "the device's rating: 15 t presses, 2 t crimper, 10 kN frames"),
            Map.entry("ramDiameterMm", "Ø 51.71 mm press ram (2100 mm²), Ø 40 mm crimper ram"),
            Map.entry("pumpFlowMm3s", "motor pump, crimper pump, CIP intensifier"),
            Map.entry("oilVolumeCm3", "hand pump with hoses, press, crimper block"),
            Map.entry("oilBulkModulusMPa", "effective: the hand pump's hoses and entrained air make it softer"),
            Map.entry("frameStiffnessKNmm", "press frame, crimper C-frame, pressure frame bolts"),
            Map.entry("reliefPressureMPa", "presses 70 MPa line, crimper its rating over the ram area, CIP vessel 400 MPa"),
            Map.entry("anodeThicknessUm", "a frame holds a cell stacked at 74 MPa beforehand: the foil has crept to 70 µm"),
            Map.entry("springStiffnessNmm", "stiffer disc springs for the motorized frame's active control"));

    /** The OCDs of the device kinds; a missing one means bnd did not write it (or a device lost its @Designate). */
    static final Set<String> DEVICES = Set.of("HydraulicPressComponent", "HeatedPressComponent", "ManualPressComponent",
            "IsostaticPressComponent", "CrimperComponent", "SpringFrameComponent", "ScrewFrameComponent", "MotorFrameComponent");

    /** What an attribute definition says, with the metatype schema's defaults for what it leaves out. */
    record Definition(String type, String cardinality, String required, String min, String max, List<String> options, String def) {

        String withoutDefault() {
            return "type=" + type + " cardinality=" + cardinality + " required=" + required + " min=" + min + " max=" + max
                    + " options=" + options;
        }

        static Definition of(Element ad) {
            List<String> options = new ArrayList<>();
            NodeList nl = ad.getElementsByTagName("Option");
            for (int i = 0; i < nl.getLength(); i++) {
                options.add(((Element) nl.item(i)).getAttribute("value"));
            }
            return new Definition(ad.getAttribute("type"), or(ad, "cardinality", "0"), or(ad, "required", "true"),
                    or(ad, "min", "-"), or(ad, "max", "-"), options, or(ad, "default", "(none)"));
        }

        private static String or(Element e, String name, String absent) {
            return e.hasAttribute(name) ? e.getAttribute(name) : absent;
        }
    }

    @Test
    void sharedAttributesAgreeAcrossTheDevicesOcds() throws Exception {
        Map<String, Map<String, Definition>> byId = new TreeMap<>(); // attribute id -> device -> definition
        Path dir = Path.of(getClass().getClassLoader().getResource("OSGI-INF/metatype").toURI());
        List<String> devices = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".xml")).sorted().toList()) {
                var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(f.toFile());
                Element ocd = (Element) doc.getElementsByTagName("OCD").item(0);
                String id = ocd.getAttribute("id");
                String device = id.substring(id.lastIndexOf('.') + 1).replace("$Config", "");
                devices.add(device);
                NodeList ads = ocd.getElementsByTagName("AD");
                for (int i = 0; i < ads.getLength(); i++) {
                    Element ad = (Element) ads.item(i);
                    byId.computeIfAbsent(ad.getAttribute("id"), k -> new TreeMap<>()).put(device, Definition.of(ad));
                }
            }
        }
        assertTrue(devices.containsAll(DEVICES), "the OCDs of every simulated device kind: " + devices);

        List<String> disagreements = new ArrayList<>();
        byId.forEach((attribute, definitions) -> {
            if (definitions.size() < 2) {
                return;
            }
            if (definitions.values().stream().map(Definition::withoutDefault).distinct().count() > 1) {
                definitions.forEach((device, d) -> disagreements.add(attribute + " in " + device + ": " + d.withoutDefault()));
            }
            if (!DEVICE_DEFAULTS.containsKey(attribute) && definitions.values().stream().map(Definition::def).distinct().count() > 1) {
                definitions.forEach((device, d) -> disagreements.add(attribute + " in " + device + ": default " + d.def()));
            }
        });
        assertTrue(disagreements.isEmpty(), "attributes shared by several simulated devices' OCDs must agree (a default may "
                + "differ only for the device's own values listed in DEVICE_DEFAULTS):\n  " + String.join("\n  ", disagreements));

        List<String> stale = DEVICE_DEFAULTS.keySet().stream()
                .filter(a -> byId.getOrDefault(a, Map.of()).size() < 2).sorted().toList();
        assertEquals(List.of(), stale, "DEVICE_DEFAULTS names only attributes that several OCDs share");
        assertEquals(devices.size(), byId.get("presslab.driver.id").size(), "every device has the driver id");
    }
}
