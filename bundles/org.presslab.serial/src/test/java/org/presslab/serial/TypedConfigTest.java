package org.presslab.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.util.converter.ConversionException;
import org.osgi.util.converter.Converters;

/** {@link ConfigProperties#typed}: a device's properties as its metatype annotation, through the OSGi Converter. */
class TypedConfigTest {

    private static final String WHERE = "Test device 'd1'";

    /** A driver's configuration type in miniature: the defaults live here only. */
    @interface Config {
        String presslab_driver_id();

        int baudRate() default 9600;

        Parity parity() default Parity.NONE;

        FlowControl flowControl() default FlowControl.NONE;

        int status_alarmMask() default 0;

        long seed() default 1;

        double force_scale() default 1;

        String line_pattern() default "";

        int a__b() default 0;

        int my$_$key() default 0;
    }

    private static Config typed(Map<String, ?> m) {
        return new ConfigProperties(m, WHERE).typed(Config.class);
    }

    private static String error(Map<String, ?> m) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> typed(m));
        assertSame(IllegalArgumentException.class, e.getClass(), "a plain IllegalArgumentException, not a ConversionException");
        return e.getMessage();
    }

    @Test
    void theConverterReadsKeysByTheComponentPropertyTypeRules() {
        // the converter alone, as ConfigProperties#typed uses it: force_address() <- force.address
        Config plain = Converters.standardConverter().convert(Map.of("presslab.driver.id", "p", "force.scale", "2.5", "a_b", "3",
                "my-key", "4", "force_scale", "9")).to(Config.class);
        assertEquals("p", plain.presslab_driver_id());
        assertEquals(2.5, plain.force_scale(), "'.' for '_', and the key with '_' is not read");
        assertEquals(3, plain.a__b(), "'_' for '__'");
        assertEquals(4, plain.my$_$key(), "'-' for '$_$'");
        assertEquals(9600, plain.baudRate(), "an absent key gives the element's default");
        // and the keys typed() reads values under (hexadecimal, blank) are the converter's
        assertEquals("force.scale", ConfigProperties.propertyName("force_scale"));
        assertEquals("a_b", ConfigProperties.propertyName("a__b"));
        assertEquals("my-key", ConfigProperties.propertyName("my$_$key"));
        assertEquals("a$b", ConfigProperties.propertyName("a$$b"));
        assertEquals("ab", ConfigProperties.propertyName("a$b"));
        Config c = typed(Map.of("presslab.driver.id", "p", "a_b", "0x10", "my-key", "0x11", "status.alarmMask", " "));
        assertEquals(16, c.a__b());
        assertEquals(17, c.my$_$key());
        assertEquals(0, c.status_alarmMask());
    }

    @Test
    void absentAndBlankValuesGiveTheAnnotationDefaults() {
        Map<String, Object> m = new HashMap<>();
        m.put("presslab.driver.id", " press-1 ");
        m.put("baudRate", "");
        m.put("parity", "  ");
        m.put("seed", new String[0]);
        m.put("line.pattern", null);
        Config c = typed(m);
        assertEquals("press-1", c.presslab_driver_id(), "trimmed");
        assertEquals(9600, c.baudRate());
        assertEquals(Parity.NONE, c.parity());
        assertEquals(1, c.seed());
        assertEquals("", c.line_pattern());
        assertEquals(1.0, c.force_scale());
    }

    @Test
    void valuesAsConfigurationAdminAndFilesGiveThem() {
        Map<String, Object> m = new HashMap<>();
        m.put("presslab.driver.id", new String[] {"press-1", "ignored"});
        m.put("baudRate", List.of(" 19200 "));
        m.put("parity", "even");
        m.put("flowControl", "rts-cts");
        m.put("status.alarmMask", "0x0200");
        m.put("seed", "0x1F");
        m.put("force.scale", 2);
        Config c = typed(m);
        assertEquals("press-1", c.presslab_driver_id());
        assertEquals(19200, c.baudRate());
        assertEquals(Parity.EVEN, c.parity(), "any case");
        assertEquals(FlowControl.RTS_CTS, c.flowControl(), "'-' for '_'");
        assertEquals(0x200, c.status_alarmMask());
        assertEquals(31, c.seed());
        assertEquals(2.0, c.force_scale());
    }

    @Test
    void aValueTheConverterCannotConvertNamesTheDeviceAndTheKey() {
        // the converter alone fails late, and says neither which device nor which key
        Config lazy = Converters.standardConverter().convert(Map.of("presslab.driver.id", "p", "baudRate", "fast")).to(Config.class);
        assertThrows(ConversionException.class, lazy::baudRate);

        assertEquals("Test device 'd1': 'baudRate' must be an integer, was 'fast'",
                error(Map.of("presslab.driver.id", "p", "baudRate", "fast")));
        assertEquals("Test device 'd1': 'baudRate' must be an integer, was '96.5'",
                error(Map.of("presslab.driver.id", "p", "baudRate", "96.5")));
        assertEquals("Test device 'd1': 'status.alarmMask' must be an integer, was '0xZZ'",
                error(Map.of("presslab.driver.id", "p", "status.alarmMask", "0xZZ")));
        assertEquals("Test device 'd1': 'force.scale' must be a number, was 'one'",
                error(Map.of("presslab.driver.id", "p", "force.scale", "one")));
        assertEquals("Test device 'd1': 'parity' must be one of [NONE, EVEN, ODD, MARK, SPACE], was 'X'",
                error(Map.of("presslab.driver.id", "p", "parity", "X")));
        assertEquals("Test device 'd1': 'parity' must be one of [NONE, EVEN, ODD, MARK, SPACE], was '1'",
                error(Map.of("presslab.driver.id", "p", "parity", 1)), "not the constant with ordinal 1");
        assertEquals("Test device 'd1': 'presslab.driver.id' is required", error(Map.of("baudRate", "9600")));
    }

    @Test
    void theInstanceIsCheckedOnceAndThenNeverThrows() {
        Config c = typed(Map.of("presslab.driver.id", "p", "baudRate", "115200"));
        for (int i = 0; i < 3; i++) {
            assertEquals(115200, c.baudRate());
        }
        assertThrows(IllegalArgumentException.class, () -> new ConfigProperties(Map.of(), WHERE).typed(String.class),
                "only annotation types");
    }

    @Test
    void portAndLineSettingsFromTypedValuesNameTheKeys() {
        ConfigProperties p = new ConfigProperties(Map.of(), WHERE);
        assertEquals(PortSelector.byUsb(0x0403, 0x6001, "A1"), PortSelector.fromConfig(p, "", "0403", "0x6001", "A1"));
        assertEquals(PortSelector.byPath("/dev/ttyUSB0"), PortSelector.fromConfig(p, "/dev/ttyUSB0", "0403", "6001", ""), "a path wins");
        assertEquals("Test device 'd1': 'usb.vendorId' must be a hexadecimal USB id such as 0403, was 'zz'",
                assertThrows(IllegalArgumentException.class, () -> PortSelector.fromConfig(p, "", "zz", "6001", "")).getMessage());
        assertEquals(new SerialSettings(9600, 8, Parity.NONE, StopBits.TWO, FlowControl.NONE),
                SerialSettings.fromConfig(p, 9600, 8, Parity.NONE, "2", FlowControl.NONE));
        assertEquals("Test device 'd1': 'stopBits' must be 1, 1.5 or 2, was '3'",
                assertThrows(IllegalArgumentException.class, () -> SerialSettings.fromConfig(p, 9600, 8, Parity.NONE, "3",
                        FlowControl.NONE)).getMessage());
        assertEquals("Test device 'd1': data bits must be 5 to 8, was 9",
                assertThrows(IllegalArgumentException.class, () -> SerialSettings.fromConfig(p, 9600, 9, Parity.NONE, "1",
                        FlowControl.NONE)).getMessage());
    }
}
