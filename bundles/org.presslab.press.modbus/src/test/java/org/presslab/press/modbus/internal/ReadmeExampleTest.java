package org.presslab.press.modbus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.presslab.press.modbus.internal.ModbusRig.await;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.presslab.emulators.ModbusPressController;
import org.presslab.press.api.ActuatorCommand;
import org.presslab.press.api.ConnectionState;
import org.presslab.press.api.Quality;

/** The worked example in README.md is a working configuration for the emulated PL-100. */
class ReadmeExampleTest {

    @TempDir
    Path dir;

    @Test
    void theReadmeConfigurationDrivesTheController() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("```properties");
        assertTrue(start >= 0, "README.md has a ```properties example");
        String block = readme.substring(readme.indexOf('\n', start) + 1, readme.indexOf("```", start + 3));
        Properties p = new Properties();
        p.load(new StringReader(block));
        try (ModbusRig rig = new ModbusRig(dir, 115200)) {
            Map<String, Object> config = new HashMap<>();
            p.forEach((k, v) -> config.put(k.toString(), v.toString()));
            config.put("port", rig.pty.host().toString()); // the only line a lab changes for the emulator
            ModbusPressDriver driver = rig.driver(config);
            try {
                assertTrue(await(() -> driver.health().state() == ConnectionState.CONNECTED && driver.read().quality() == Quality.GOOD, 3000),
                        "" + driver.health());
                driver.actuator().orElseThrow().command(ActuatorCommand.force(1000));
                assertTrue(await(() -> rig.controller.mode() == ModbusPressController.MODE_FORCE, 2000));
                assertEquals(1000, rig.controller.setpointN(), 1e-3);
                assertTrue(await(() -> Math.abs(driver.read().forceN() - 1000) < 30, 5000), "" + driver.read());
            } finally {
                driver.close();
            }
        }
    }
}
