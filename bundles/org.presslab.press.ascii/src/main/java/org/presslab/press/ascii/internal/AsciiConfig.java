package org.presslab.press.ascii.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.presslab.press.api.DeviceKind;
import org.presslab.press.ascii.internal.AsciiSettings.Preset;
import org.presslab.serial.FlowControl;
import org.presslab.serial.Parity;

/**
 * Metatype of an ASCII gauge (factory PID {@code org.presslab.press.ascii}), and the only place its keys and
 * defaults are written down: {@link AsciiSettings#parse} reads the properties as this type
 * ({@link org.presslab.serial.ConfigProperties#typed}) and checks the values. An enum element's constants are
 * the metatype options.
 */
@ObjectClassDefinition(name = "Presslab ASCII gauge", description = "A force gauge or load-cell indicator speaking lines of ASCII, polled or streaming.")
@interface AsciiConfig {

    String webconsole_configurationFactory_nameHint() default "Gauge {presslab.driver.id} on {port}";

    @AttributeDefinition(name = "Driver id")
    String presslab_driver_id();

    @AttributeDefinition(required = false, description = "Device path or link; empty to select by USB identity")
    String port() default "";

    @AttributeDefinition(required = false)
    String usb_vendorId() default "";

    @AttributeDefinition(required = false)
    String usb_productId() default "";

    @AttributeDefinition(required = false)
    String usb_serial() default "";

    int baudRate() default 9600;

    int dataBits() default 8;

    Parity parity() default Parity.NONE;

    @AttributeDefinition(description = "1 or 2")
    String stopBits() default "1";

    FlowControl flowControl() default FlowControl.NONE;

    @AttributeDefinition(description = "NONE, MARK10 (poll '?') or AND (ST,+00123.45 N stream); sets mode, query and line.pattern")
    Preset preset() default Preset.NONE;

    @AttributeDefinition(description = "STREAM or POLL (default from the preset, else STREAM)", required = false)
    String mode() default "";

    @AttributeDefinition(description = "Query sent in POLL mode; \\r \\n \\xNN escapes", required = false)
    String query() default "";

    @AttributeDefinition(description = "Regular expression for a whole line with the named groups value (required), unit and status", required = false)
    String line_pattern() default "";

    @AttributeDefinition(description = "Unit when a line has none; a pressure unit makes it a pressure gauge")
    String default_unit() default "N";

    @AttributeDefinition(description = "Multiplies every value (-1: the gauge shows compression negative)")
    double scale() default 1;

    String overload_flags() default "OL";

    String unstable_flags() default "US";

    @AttributeDefinition(description = "ms between polls (POLL) or reads (STREAM); default 100 / 10", required = false)
    int poll_period_ms() default 0;

    int reply_timeout_ms() default 500;

    int stale_after_ms() default 1000;

    int line_maxLength() default 128;

    @AttributeDefinition(description = "Range in default.unit; 0 = unknown")
    double range() default 0;

    @AttributeDefinition(description = "Resolution (one display step) in default.unit; 0 = unknown")
    double resolution() default 0;

    @AttributeDefinition(description = "FORCE_GAUGE, SPRING_FRAME, SCREW_FRAME, MANUAL_HYDRAULIC_PRESS, ...")
    DeviceKind device_kind() default DeviceKind.FORCE_GAUGE;

    String device_vendor() default "unknown vendor";

    String device_model() default "ASCII gauge";
}
