package org.presslab.press.sim.internal.ds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.presslab.time.TimeSources;
import org.presslab.time.TimeSource;
import org.presslab.press.api.Capability;
import org.presslab.press.api.DeviceKind;
import org.presslab.press.api.SafeAction;
import org.presslab.press.sim.SimUnits;
import org.presslab.time.VirtualTimeSource;

/** The DS components built with plain {@code new}, their configuration given as annotation proxies. */
class ComponentConfigTest {

    private final VirtualTimeSource time = TimeSources.virtual();

    /** An instance of config type {@code type}: the annotation defaults, overridden by {@code values}. */
    @SuppressWarnings("unchecked")
    static <T> T config(Class<T> type, Map<String, Object> values) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, m, args) -> {
            if (values.containsKey(m.getName())) {
                return values.get(m.getName());
            }
            if (m.getDefaultValue() != null) {
                return m.getDefaultValue();
            }
            if (m.getName().equals("annotationType")) {
                return type;
            }
            return null;
        });
    }

    @Test
    void hydraulicComponentUsesItsConfiguration() {
        var c = config(HydraulicPressComponent.Config.class,
                Map.of("presslab_driver_id", "press-a", "cellDiameterMm", 13.0, "seed", 5L));
        HydraulicPressComponent comp = new HydraulicPressComponent(time, c, null);
        assertEquals("press-a", comp.id());
        assertEquals(SimUnits.discArea(0.013), comp.cell().areaM2(), 1e-12);
        assertEquals(147.1e3, comp.info().maxForceRatingN(), 1e-6);
        assertEquals(DeviceKind.AUTOMATIC_HYDRAULIC_PRESS, comp.info().kind());
        assertEquals(2.1e-3, comp.info().ramAreaM2(), 1e-6, "Ø 51.71 mm ram");
        assertEquals(1, time.pendingTasks(), "one keep-up task integrates the device while nobody reads");
        time.advanceSeconds(1);
        assertEquals(1_000_000_000L, comp.plantState().timeNanos());
        comp.deactivate();
        assertEquals(0, time.pendingTasks(), "deactivate cancels it");
        assertEquals(Optional.of(SafeAction.HOLD), comp.actuator().orElseThrow().safeState(), "deactivate holds");
    }

    @Test
    void hydraulicComponentTakesSensorErrorsAndPlantMismatch() {
        var c = config(HydraulicPressComponent.Config.class, Map.of("presslab_driver_id", "press-m", "loadCellNoiseN", 5.0,
                "loadCellOffsetN", 20.0, "loadCellDriftNPerH", 36.0, "modelFlowFactor", 1.3, "reportModel", false,
                "sealFrictionN", 300.0, "valveDeadband", 0.05, "ramMassKg", 40.0));
        HydraulicPressComponent comp = new HydraulicPressComponent(time, c, null);
        var spec = comp.spec();
        assertEquals(5, spec.loadCell().noiseRms());
        assertEquals(20, spec.loadCell().offset());
        assertEquals(0.01, spec.loadCell().driftPerS(), 1e-12, "36 N/h");
        assertEquals(1.3, spec.hydraulics().modelFlowFactor());
        assertEquals(300, spec.hydraulics().sealFrictionN());
        assertEquals(0.05, spec.hydraulics().valveDeadband());
        assertEquals(40, spec.hydraulics().ramMassKg());
        assertEquals(Optional.empty(), comp.actuator().orElseThrow().model(), "no feed-forward model reported");
        time.advanceSeconds(100);
        assertEquals(20 + 1, comp.read().forceN(), 20, "zero load reads the offset and the drift (5 N rms noise)");
        comp.deactivate();

        var bad = config(HydraulicPressComponent.Config.class, Map.of("presslab_driver_id", "press-b", "valveDeadband", 1.5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new HydraulicPressComponent(time, bad, null));
        assertTrue(e.getMessage().contains("valveDeadband") && e.getMessage().contains("1.5"), e.getMessage());
    }

    @Test
    void badConfigurationNamesPidAndKey() {
        var noId = config(HydraulicPressComponent.Config.class, Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HydraulicPressComponent(time, noId, null));
        assertTrue(e.getMessage().contains("org.presslab.press.sim.hydraulic") && e.getMessage().contains("presslab.driver.id"),
                e.getMessage());

        var badDiameter = config(SpringFrameComponent.Config.class,
                Map.of("presslab_driver_id", "f", "cellDiameterMm", -1.0));
        e = assertThrows(IllegalArgumentException.class, () -> new SpringFrameComponent(time, badDiameter, null));
        assertTrue(e.getMessage().contains("org.presslab.press.sim.springframe") && e.getMessage().contains("cellDiameterMm"),
                e.getMessage());

        var halfCycling = config(ScrewFrameComponent.Config.class,
                Map.of("presslab_driver_id", "s", "cyclingCurrentDensityMAcm2", 1.0));
        e = assertThrows(IllegalArgumentException.class, () -> new ScrewFrameComponent(time, halfCycling, null));
        assertTrue(e.getMessage().contains("cyclingCapacityMAhcm2"), e.getMessage());

        var overRated = config(SpringFrameComponent.Config.class,
                Map.of("presslab_driver_id", "f", "preloadMPa", 500.0));
        e = assertThrows(IllegalArgumentException.class, () -> new SpringFrameComponent(time, overRated, null));
        assertTrue(e.getMessage().contains("preloadPressurePa") && e.getMessage().contains("ratedForceN"), e.getMessage());

        var coldHeater = config(HeatedPressComponent.Config.class,
                Map.of("presslab_driver_id", "h", "maxTemperatureC", 20.0));
        e = assertThrows(IllegalArgumentException.class, () -> new HeatedPressComponent(time, coldHeater, null));
        assertTrue(e.getMessage().contains("maxTemperatureC"), e.getMessage());
    }

    @Test
    void crimperComponentUsesItsConfiguration() {
        var c = config(CrimperComponent.Config.class, Map.of("presslab_driver_id", "crimper-a", "dieDiameterMm", 16.0,
                "yieldForceKN", 4.0, "crushForceKN", 14.0));
        CrimperComponent comp = new CrimperComponent(time, c, null);
        assertEquals(DeviceKind.CRIMPER, comp.info().kind());
        assertEquals(SimUnits.discArea(0.016), comp.cell().areaM2(), 1e-12, "the die is the cell");
        assertEquals(19.61e3, comp.info().maxForceRatingN(), 1e-6);
        assertEquals(4e3, comp.spec().coinCan().yieldForceN(), 1e-9);
        assertEquals(14e3, comp.spec().coinCan().crushForceN(), 1e-9);
        assertTrue(comp.coinCell().isPresent(), "the component hands out the can");
        comp.deactivate();
        assertEquals(Optional.of(SafeAction.HOLD), comp.actuator().orElseThrow().safeState(), "deactivate holds");

        var bad = config(CrimperComponent.Config.class, Map.of("presslab_driver_id", "crimper-b", "hardeningKNmm", -2.0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CrimperComponent(time, bad, null));
        assertTrue(e.getMessage().contains("org.presslab.press.sim.crimper") && e.getMessage().contains("hardeningKNmm"),
                e.getMessage());
        var crushBelowSeal = config(CrimperComponent.Config.class, Map.of("presslab_driver_id", "crimper-c", "crushForceKN", 5.0));
        e = assertThrows(IllegalArgumentException.class, () -> new CrimperComponent(time, crushBelowSeal, null));
        assertTrue(e.getMessage().contains("crimper-c") && e.getMessage().contains("crushForceN"), e.getMessage());
    }

    @Test
    void cyclingFromConfigurationDrivesTheFrame() {
        var c = config(ScrewFrameComponent.Config.class, Map.of("presslab_driver_id", "s",
                "cyclingCurrentDensityMAcm2", 1.0, "cyclingCapacityMAhcm2", 1.0, "cyclingHalfCycles", 2));
        ScrewFrameComponent comp = new ScrewFrameComponent(time, c, null);
        assertTrue(comp.cell().isCycling());
        assertEquals(10, comp.cell().currentDensity(), 1e-12, "1 mA/cm² = 10 A/m²");
        time.advanceSeconds(2 * 3600 + 10);
        assertEquals(2, comp.cell().completedHalfCycles());
    }

    /** The properties in the DS descriptor bnd generated for {@code pid} (what SCR will register). */
    private static Map<String, String> descriptorProperties(String pid) throws Exception {
        var in = ComponentConfigTest.class.getClassLoader().getResourceAsStream("OSGI-INF/" + pid + ".xml");
        assertTrue(in != null, "descriptor OSGI-INF/" + pid + ".xml generated");
        var doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        var nodes = doc.getElementsByTagName("property");
        Map<String, String> out = new java.util.HashMap<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            var e = (org.w3c.dom.Element) nodes.item(i);
            String v = e.hasAttribute("value") ? e.getAttribute("value") : e.getTextContent().trim();
            out.put(e.getAttribute("name"), v);
        }
        String policy = ((org.w3c.dom.Element) doc.getDocumentElement()).getAttribute("configuration-policy");
        assertEquals("require", policy, pid);
        return out;
    }

    @Test
    void everyComponentRegistersWhatItsDeviceCan() throws Exception {
        Object[][] cases = {
            {HydraulicPressComponent.class, HydraulicPressComponent.Config.class},
            {ManualPressComponent.class, ManualPressComponent.Config.class},
            {HeatedPressComponent.class, HeatedPressComponent.Config.class},
            {SpringFrameComponent.class, SpringFrameComponent.Config.class},
            {ScrewFrameComponent.class, ScrewFrameComponent.Config.class},
            {MotorFrameComponent.class, MotorFrameComponent.Config.class},
            {IsostaticPressComponent.class, IsostaticPressComponent.Config.class},
            {CrimperComponent.class, CrimperComponent.Config.class},
        };
        for (Object[] row : cases) {
            Class<?> cls = (Class<?>) row[0];
            Class<?> cfg = (Class<?>) row[1];
            Object config = config(cfg, Map.of("presslab_driver_id", "x"));
            SimDriverComponent comp = (SimDriverComponent) cls.getConstructor(org.presslab.time.TimeSource.class, cfg,
                    org.osgi.framework.BundleContext.class).newInstance(time, config, null);
            String pid = (String) cls.getDeclaredField("PID").get(null);
            Map<String, String> props = descriptorProperties(pid);
            assertEquals(comp.info().kind().name(), props.get("presslab.driver.kind"), pid);
            Set<String> declared = Set.of(props.get("presslab.driver.capabilities").split("\\s+"));
            Set<String> actual = new java.util.HashSet<>();
            for (Capability cap : comp.capabilities()) {
                actual.add(cap.name());
            }
            assertEquals(actual, declared, pid + ": service property = device capabilities");
            Method deactivate = cls.getDeclaredMethod("deactivate");
            deactivate.setAccessible(true);
            deactivate.invoke(comp);
        }
    }
}
