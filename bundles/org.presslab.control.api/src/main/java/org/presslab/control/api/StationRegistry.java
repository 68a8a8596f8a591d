package org.presslab.control.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** All stations of the installation, for front ends. */
@ProviderType
public interface StationRegistry {

    /** Stations sorted by id. */
    List<Station> stations();

    Optional<Station> station(String id);
}
