package org.presslab.press.api;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Component property type for a driver component: sets {@link PressDriver#PROP_KIND} and
 * {@link PressDriver#PROP_CAPABILITIES}. The id usually comes from configuration
 * ({@code presslab.driver.id} in the factory configuration).
 *
 * <pre>
 * &#64;Component(service = PressDriver.class)
 * &#64;PressDriverProperties(kind = "AUTOMATIC_HYDRAULIC_PRESS", capabilities = {"SENSE_FORCE", "ACTUATE"})
 * </pre>
 */
@ComponentPropertyType
public @interface PressDriverProperties {

    String PREFIX_ = "presslab.driver.";

    /** A {@link DeviceKind} name. */
    String kind();

    /** {@link Capability} names. */
    String[] capabilities();
}
