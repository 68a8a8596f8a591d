package org.presslab.press.api;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Component property type for a driver component: sets {@link PressDriver#PROP_KIND} and
 * {@link PressDriver#PROP_CAPABILITIES}. The id usually comes from configuration
 * ({@code presslab.driver.id} in the factory configuration). Typed since 2.0.0: a misspelt kind or
 * capability no longer compiles.
 *
 * <pre>
 * &#64;Component(service = PressDriver.class)
 * &#64;PressDriverProperties(kind = DeviceKind.AUTOMATIC_HYDRAULIC_PRESS, capabilities = {Capability.SENSE_FORCE, Capability.ACTUATE})
 * </pre>
 */
@ComponentPropertyType
public @interface PressDriverProperties {

    String PREFIX_ = "presslab.driver.";

    /** The kind of device; the service property holds its name. */
    DeviceKind kind();

    /** What the device can do; the service property holds their names. */
    Capability[] capabilities();
}
