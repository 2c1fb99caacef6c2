package io.jenkins.plugins.orchestra.jenkins.config;

import io.jenkins.plugins.orchestra.jenkins.host.PlainValues;
import java.util.Map;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The settings of a configured deploy target or notify channel: a YAML mapping, written as the runner's {@code
 * orchestra.yaml} writes an entry, read with SnakeYAML's safe constructor (plain values only).
 */
@Restricted(NoExternalUse.class)
final class SettingsYaml {
    private SettingsYaml() {}

    /**
     * The settings as a map of plain values; empty for blank text.
     *
     * @throws IllegalArgumentException naming {@code what} if the text is not a YAML mapping
     */
    static Map<String, Object> parse(String what, String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (YAMLException e) {
            throw new IllegalArgumentException(
                    what + " settings are not valid YAML: "
                            + String.valueOf(e.getMessage()).lines().findFirst().orElse(""),
                    e);
        }
        if (root == null) {
            return Map.of();
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(what + " settings must be a YAML mapping of key: value lines, was "
                    + root.getClass().getSimpleName());
        }
        return PlainValues.map(map);
    }
}
