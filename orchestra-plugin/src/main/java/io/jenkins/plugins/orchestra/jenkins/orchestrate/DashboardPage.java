package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import com.fasterxml.jackson.databind.JsonNode;
import hudson.PluginWrapper;
import hudson.model.User;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * What the Orchestration pages load: the orchestra-dashboard bundle, unpacked into the plugin's {@code dashboard/}
 * folder at build time and served by Jenkins from {@code …/plugin/orchestra/dashboard/}. Its file names carry content
 * hashes, so the page takes them from the {@code manifest.json} Vite writes next to them, as Vite's backend integration
 * does; the manifest is read once.
 */
@Restricted(NoExternalUse.class)
public final class DashboardPage {
    static final String FOLDER = "dashboard/";
    private static final Logger LOGGER = Logger.getLogger(DashboardPage.class.getName());
    private static volatile Assets assets;

    record Assets(String script, List<String> styles) {}

    private final Assets files;

    private DashboardPage(Assets files) {
        this.files = files;
    }

    /** The page as this plugin was built. */
    static DashboardPage current() {
        Assets a = assets;
        if (a == null) {
            a = read();
            if (a.script() != null) {
                assets = a;
            }
        }
        return new DashboardPage(a);
    }

    /** Whether the plugin holds the dashboard: a build without npm leaves it out. */
    public boolean isBuilt() {
        return files.script() != null;
    }

    /** The entry script, relative to {@code …/plugin/orchestra/}. */
    public String getScript() {
        return files.script();
    }

    /** Its style sheets, relative to {@code …/plugin/orchestra/}. */
    public List<String> getStyles() {
        return files.styles();
    }

    /** Who answers approvals on the page: the signed-in user's id, or {@code null}. */
    public String getUserId() {
        User user = User.current();
        return user == null ? null : user.getId();
    }

    private static Assets read() {
        PluginWrapper plugin = Jenkins.get().getPluginManager().getPlugin("orchestra");
        if (plugin == null || plugin.baseResourceURL == null) {
            return new Assets(null, List.of());
        }
        try (InputStream in = new URL(plugin.baseResourceURL, FOLDER + "manifest.json").openStream()) {
            return parse(PlanJson.JSON.readTree(in));
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "the Orchestration page has no dashboard: no " + FOLDER + "manifest.json", e);
            return new Assets(null, List.of());
        }
    }

    /** The entry of a Vite manifest: {@code {"index.html": {"file": …, "isEntry": true, "css": […]}}}. */
    static Assets parse(JsonNode manifest) {
        for (JsonNode chunk : manifest) {
            if (chunk.path("isEntry").asBoolean()) {
                List<String> styles = new ArrayList<>();
                chunk.path("css").forEach(css -> styles.add(FOLDER + css.asText()));
                return new Assets(FOLDER + chunk.path("file").asText(), List.copyOf(styles));
            }
        }
        return new Assets(null, List.of());
    }
}
