package io.jenkins.plugins.orchestra.jenkins.config;

import hudson.Util;
import hudson.util.FormValidation;
import java.util.Map;
import java.util.regex.Pattern;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * A named entry of the global configuration: a name a Jenkinsfile refers to ({@code deploy target: 'staging'}) and
 * its settings as YAML. Plain fields, so that XStream stores it and Configuration as Code sets it.
 */
@Restricted(NoExternalUse.class)
public abstract class NamedSettings {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final String name;
    private final String settings;

    protected NamedSettings(String name, String settings) {
        this.name = Util.fixEmptyAndTrim(name);
        this.settings = settings == null ? "" : settings;
        String problem = nameProblem(this.name);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        parse(); // refuse settings that are not a YAML mapping now, not at the first build that uses them
    }

    public String getName() {
        return name;
    }

    public String getSettings() {
        return settings;
    }

    /** The settings as a map of plain values. */
    public Map<String, Object> parse() {
        return SettingsYaml.parse("'" + name + "'", settings);
    }

    static String nameProblem(String name) {
        if (name == null || name.isBlank()) {
            return "name must not be blank";
        }
        if (!NAME.matcher(name).matches()) {
            return "name must be letters, digits, '.', '_' or '-', was '" + name + "'";
        }
        return null;
    }

    static FormValidation checkName(String value) {
        String problem = nameProblem(Util.fixEmptyAndTrim(value));
        return problem == null ? FormValidation.ok() : FormValidation.error(problem);
    }

    static FormValidation checkSettings(String value) {
        try {
            SettingsYaml.parse("these", value);
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }
}
