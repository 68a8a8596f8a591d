package org.presslab.web.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Presslab web", description = "Operator page and REST API under /presslab")
@interface WebConfig {

    @AttributeDefinition(description = "JAAS realm the page logs in against", name = "JAAS realm")
    String realm() default "karaf";

    @AttributeDefinition(description = "A session ends after this many minutes without a request", min = "1", max = "1440")
    int sessionIdleMinutes() default 30;

    @AttributeDefinition(description = "At most this many sessions; the least recently used ends first", min = "1", max = "10000")
    int maxSessions() default 64;

    @AttributeDefinition(description = "At most this many live streams (each holds one HTTP thread)", min = "1", max = "64")
    int maxLiveClients() default 16;

    @AttributeDefinition(description = "Samples per second and station sent to each browser", min = "1", max = "100")
    double liveUpdatesPerSecond() default 20;

    @AttributeDefinition(description = "Messages buffered per browser; beyond it the oldest are dropped and counted", min = "16", max = "100000")
    int liveQueueCapacity() default 2048;

    @AttributeDefinition(description = "Commands kept in memory for the page's audit list", min = "1", max = "100000")
    int auditEntries() default 500;

    @AttributeDefinition(description = "Further origins allowed to change state (e.g. https://presslab.lab.example behind a TLS proxy); "
            + "the server's own origin is always allowed")
    String[] allowedOrigins() default {};
}
