package org.presslab.control.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.presslab.control.api.Station;
import org.presslab.control.api.StationRegistry;

/** Every {@link Station} service of the installation, for front ends. */
@Component(service = StationRegistry.class)
public class StationRegistryImpl implements StationRegistry {

    private final CopyOnWriteArrayList<Station> stations = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindStation(Station s) {
        stations.add(s);
    }

    void unbindStation(Station s) {
        stations.remove(s);
    }

    @Override
    public List<Station> stations() {
        return stations.stream().sorted(Comparator.comparing(Station::id)).toList();
    }

    @Override
    public Optional<Station> station(String id) {
        return stations.stream().filter(s -> s.id().equals(id)).findFirst();
    }
}
