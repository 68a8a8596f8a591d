package org.presslab.webconsole.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The web console's POST actions refuse other origins (issue 11: a cross-site form could e-stop or reset). */
class CrossSiteTest {

    @Test
    void onlyTheServersOwnOriginMayPost() {
        assertNull(PresslabWebConsolePlugin.crossSite("http", "127.0.0.1:8181", "http://127.0.0.1:8181", null));
        assertNull(PresslabWebConsolePlugin.crossSite("http", "127.0.0.1:8181", null, "http://127.0.0.1:8181/system/console/presslab"));
        assertNotNull(PresslabWebConsolePlugin.crossSite("http", "127.0.0.1:8181", "http://evil.example", null));
        assertNotNull(PresslabWebConsolePlugin.crossSite("http", "127.0.0.1:8181", null, "http://127.0.0.1:8181.evil.example/x"));
        assertNotNull(PresslabWebConsolePlugin.crossSite("http", "127.0.0.1:8181", "null", null));
        assertNotNull(PresslabWebConsolePlugin.crossSite("http", "127.0.0.1:8181", null, null));
        assertNotNull(PresslabWebConsolePlugin.crossSite("http", "127.0.0.1:8181", "https://127.0.0.1:8181", null));
    }
}
