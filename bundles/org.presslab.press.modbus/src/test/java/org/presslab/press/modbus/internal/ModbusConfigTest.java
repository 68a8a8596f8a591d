package org.presslab.press.modbus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.osgi.util.converter.Converters;
import org.presslab.press.api.DeviceKind;
import org.presslab.press.modbus.ModbusDrivers;
import org.presslab.press.modbus.internal.RegisterValue.DataType;
import org.presslab.press.modbus.internal.RegisterValue.Table;
import org.presslab.serial.FlowControl;
import org.presslab.serial.Parity;
import org.presslab.serial.SerialPortManager;
import org.presslab.serial.SerialSettings;
import org.presslab.time.TimeSources;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@link ModbusConfig} is the one source of the keys and defaults: the OSGi Converter reads the properties as it,
 * by the keys bnd writes into the metatype, and {@link ModbusSettings#parse} checks what it gives.
 */
class ModbusConfigTest {

    private static String error(Map<String, Object> m) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModbusSettings.parse(m));
        assertSame(IllegalArgumentException.class, e.getClass(), e.toString());
        return e.getMessage();
    }

    @Test
    void theConverterMapsDottedKeysToTheAnnotationsElements() {
        ModbusConfig c = Converters.standardConverter().convert(Map.of("presslab.driver.id", "press-1", "force.address", "81",
                "timeout.ms", "150", "force_address", "7")).to(ModbusConfig.class);
        assertEquals("press-1", c.presslab_driver_id());
        assertEquals(81, c.force_address(), "force.address, not force_address");
        assertEquals(150, c.timeout_ms());
        assertEquals(9600, c.baudRate(), "absent: the annotation's default");
        assertEquals(Unit.MPa, c.pressure_unit());
    }

    /**
     * Every attribute of the generated metatype (bnd names it by the same rules) is read by exactly one element of the
     * annotation through the converter, and every element has its attribute: a key in the metatype is never ignored.
     */
    @Test
    void everyMetatypeAttributeIsTheKeyOfOneElement() throws Exception {
        List<Element> ads = attributes("OSGI-INF/metatype/org.presslab.press.modbus.internal.ModbusConfig.xml");
        Map<String, Object> defaults = values(Map.of("presslab.driver.id", "p"));
        List<String> unread = new ArrayList<>();
        for (Element ad : ads) {
            String id = ad.getAttribute("id");
            Map<String, Object> properties = new HashMap<>(Map.of("presslab.driver.id", "p"));
            properties.put(id, other(ad));
            List<String> changed = new ArrayList<>();
            values(properties).forEach((element, v) -> {
                if (!v.equals(defaults.get(element))) {
                    changed.add(element);
                }
            });
            if (changed.size() != 1) {
                unread.add(id + " -> " + changed);
            }
        }
        assertEquals(List.of(), unread, "metatype attributes not read by exactly one element");
        assertEquals(ModbusConfig.class.getDeclaredMethods().length, ads.size(), "one attribute per element");
    }

    @Test
    void enumElementsGiveTheMetatypeOptions() throws Exception {
        Map<String, List<String>> options = new HashMap<>();
        for (Element ad : attributes("OSGI-INF/metatype/org.presslab.press.modbus.internal.ModbusConfig.xml")) {
            List<String> o = new ArrayList<>();
            NodeList nl = ad.getElementsByTagName("Option");
            for (int i = 0; i < nl.getLength(); i++) {
                o.add(((Element) nl.item(i)).getAttribute("value"));
            }
            options.put(ad.getAttribute("id"), o);
        }
        assertEquals(List.of("NONE", "EVEN", "ODD", "MARK", "SPACE"), options.get("parity"));
        assertEquals(List.of("NONE", "RTS_CTS", "XON_XOFF"), options.get("flowControl"));
        assertEquals(List.of("HIGH_FIRST", "LOW_FIRST"), options.get("setpoint.wordOrder"));
        assertEquals(List.of("INT16", "UINT16", "INT32", "UINT32", "FLOAT32"), options.get("output.type"));
        assertEquals(List.of("HOLDING", "INPUT"), options.get("status.table"));
        assertTrue(options.get("force.unit").containsAll(List.of("N", "kN", "MPa")), options.get("force.unit").toString());
        assertTrue(options.get("device.kind").contains("AUTOMATIC_HYDRAULIC_PRESS"), options.get("device.kind").toString());
    }

    @Test
    void theAnnotationsDefaultsAreTheSettingsDefaults() throws Exception {
        ModbusSettings s = ModbusSettings.parse(RegisterValueTest.base());
        assertEquals(new SerialSettings(9600, 8, Parity.NONE, org.presslab.serial.StopBits.ONE, FlowControl.NONE), s.serial());
        assertEquals(def("slaveId"), s.slaveId());
        assertEquals(def("timeout_ms"), s.timeoutMs());
        assertEquals(def("retries"), s.retries());
        assertEquals(def("poll_period_ms"), s.pollPeriodMs());
        assertEquals(def("stale_after_ms"), s.staleAfterMs());
        assertEquals(def("disconnect_after"), s.disconnectAfter());
        assertEquals(def("device_kind"), s.kind());
        assertEquals(def("device_vendor"), s.vendor());
        assertEquals("unknown vendor", s.vendor());
        assertEquals(def("device_model"), s.model());
        assertEquals(def("status_table"), s.statusTable());
        RegisterValue f = s.force().orElseThrow();
        assertEquals(def("force_table"), f.table());
        assertEquals(def("force_type"), f.type());
        assertEquals(def("force_unit"), f.unit());
        assertEquals(1.0, f.scale());
        assertEquals(Double.NaN, s.forceRatingN(), "0 = unknown");

        Map<String, Object> m = RegisterValueTest.base();
        m.put("setpoint.address", "4");
        m.put("output.address", "6");
        m.put("forceRating.kN", "50");
        s = ModbusSettings.parse(m);
        assertEquals(Table.HOLDING, s.setpoint().orElseThrow().table());
        assertEquals(Table.HOLDING, s.output().orElseThrow().table());
        assertEquals(def("output_type"), s.output().orElseThrow().type());
        assertEquals(def("output_scale"), s.output().orElseThrow().scale());
        assertEquals(null, s.output().orElseThrow().unit(), "a raw output has no unit");
    }

    private static Object def(String element) throws NoSuchMethodException {
        return ModbusConfig.class.getDeclaredMethod(element).getDefaultValue();
    }

    @Test
    void valuesAreReadAsBeforeWithHexMasksAndEnumsInAnyCase() {
        Map<String, Object> m = RegisterValueTest.base();
        m.put("status.address", "5");
        m.put("status.alarmMask", "0x0200");
        m.put("status.table", "holding");
        m.put("force.type", "float32");
        m.put("force.wordOrder", "low_first");
        m.put("force.unit", "KN");
        m.put("parity", "even");
        m.put("device.kind", "manual-hydraulic-press");
        m.put("device.vendor", "  ");
        m.put("slaveId", new String[] {"7"});
        ModbusSettings s = ModbusSettings.parse(m);
        assertEquals(0x200, s.alarmMask());
        assertEquals(Table.HOLDING, s.statusTable());
        RegisterValue f = s.force().orElseThrow();
        assertEquals(DataType.FLOAT32, f.type());
        assertTrue(f.lowWordFirst());
        assertEquals(Unit.kN, f.unit());
        assertEquals(Parity.EVEN, s.serial().parity());
        assertEquals(DeviceKind.MANUAL_HYDRAULIC_PRESS, s.kind());
        assertEquals("unknown vendor", s.vendor(), "blank is absent");
        assertEquals(7, s.slaveId());
    }

    @Test
    void everyErrorNamesTheDeviceTheKeyAndWhatItMustBe() {
        String[][] cases = { // key, value, the message after "Modbus device 'p': " (starts with)
            {"baudRate", "fast", "'baudRate' must be an integer, was 'fast'"},
            {"force.wordOrder", "middle", "'force.wordOrder' must be one of [HIGH_FIRST, LOW_FIRST], was 'middle'"},
            {"pressure.unit", "atm", "'pressure.unit' must be one of [N, kN, kgf, lbf, tf, Pa, kPa, MPa, bar, psi], was 'atm'"},
            {"device.kind", "robot", "'device.kind' must be one of [AUTOMATIC_HYDRAULIC_PRESS, "},
            {"forceRange.kN", "lots", "'forceRange.kN' must be a number, was 'lots'"},
            {"usb.vendorId", "zz", "'usb.vendorId' must be a hexadecimal USB id such as 0403, was 'zz'"},
            {"stopBits", "3", "'stopBits' must be 1, 1.5 or 2, was '3'"},
            {"slaveId", "300", "'slaveId' must be 1..247, was '300'"},
            {"setpoint.table", "INPUT", "'setpoint.table' must be HOLDING (input registers cannot be written), was 'INPUT'"},
        };
        for (String[] c : cases) {
            Map<String, Object> m = RegisterValueTest.base();
            m.put("setpoint.address", "4");
            m.put("forceRating.kN", "50");
            m.put(c[0], c[1]);
            String message = error(m);
            assertTrue(message.startsWith("Modbus device 'p': " + c[2]), c[0] + ": " + message);
        }
        Map<String, Object> m = RegisterValueTest.base();
        m.remove("presslab.driver.id");
        assertEquals("Modbus device: 'presslab.driver.id' is required (a stable name such as press-1)", error(m));
    }

    /** The plain-Java factory reads a map the same way, and refuses before it touches a port. */
    @Test
    void theStandaloneFactoryTakesTheSamePath() {
        SerialPortManager untouched = (SerialPortManager) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {SerialPortManager.class}, (proxy, method, args) -> {
                    throw new AssertionError("the port manager was asked: " + method.getName());
                });
        Map<String, Object> m = RegisterValueTest.base();
        m.put("baudRate", "fast");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModbusDrivers.create(m, untouched, TimeSources.virtual()));
        assertEquals("Modbus device 'p': 'baudRate' must be an integer, was 'fast'", e.getMessage());
    }

    // ---- helpers

    /** The {@code AD} elements of a generated metatype resource. */
    static List<Element> attributes(String resource) throws Exception {
        try (InputStream in = ModbusConfigTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertTrue(in != null, resource + " is generated by bnd into target/classes");
            NodeList nl = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in).getElementsByTagName("AD");
            List<Element> ads = new ArrayList<>();
            for (int i = 0; i < nl.getLength(); i++) {
                ads.add((Element) nl.item(i));
            }
            return ads;
        }
    }

    /** A value for the attribute other than its default. */
    private static String other(Element ad) {
        String def = ad.getAttribute("default");
        NodeList options = ad.getElementsByTagName("Option");
        for (int i = 0; i < options.getLength(); i++) {
            String v = ((Element) options.item(i)).getAttribute("value");
            if (!v.equals(def)) {
                return v;
            }
        }
        return switch (ad.getAttribute("type")) {
            case "Integer", "Long" -> String.valueOf(Long.parseLong(def) + 1);
            case "Double" -> String.valueOf(Double.parseDouble(def) + 0.5);
            default -> def + "x";
        };
    }

    /** Every element's value of the properties as {@link ModbusConfig}, by element name. */
    private static Map<String, Object> values(Map<String, Object> properties) throws Exception {
        ModbusConfig c = Converters.standardConverter().convert(properties).to(ModbusConfig.class);
        Map<String, Object> v = new HashMap<>();
        for (Method m : ModbusConfig.class.getDeclaredMethods()) {
            v.put(m.getName(), m.invoke(c));
        }
        return v;
    }
}
