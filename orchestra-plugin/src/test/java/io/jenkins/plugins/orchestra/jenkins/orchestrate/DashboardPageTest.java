package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class DashboardPageTest {
    @Test
    void takesTheEntryAndItsStylesFromViteManifest() throws Exception {
        DashboardPage.Assets assets = DashboardPage.parse(PlanJson.JSON.readTree("{\"index.html\": {\"file\":"
                + " \"assets/index-BP9x.js\", \"name\": \"index\", \"src\": \"index.html\", \"isEntry\": true,"
                + " \"css\": [\"assets/index-IQ90.css\"]}, \"_dagre.js\": {\"file\": \"assets/dagre-1.js\"}}"));

        assertEquals("dashboard/assets/index-BP9x.js", assets.script());
        assertEquals(List.of("dashboard/assets/index-IQ90.css"), assets.styles());
    }

    @Test
    void hasNoScriptWithoutAnEntry() throws Exception {
        assertNull(DashboardPage.parse(PlanJson.JSON.readTree("{}")).script());
    }
}
