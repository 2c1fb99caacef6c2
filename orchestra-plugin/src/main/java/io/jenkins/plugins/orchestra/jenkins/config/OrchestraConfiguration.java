package io.jenkins.plugins.orchestra.jenkins.config;

import hudson.Extension;
import hudson.ExtensionList;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jenkins.model.GlobalConfiguration;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * Orchestra's named deploy targets and notify channels, set in Manage Jenkins » System or by Configuration as Code
 * ({@code unclassified: orchestra: targets: …}). Core reads them as {@code StepHost.configured("targets")} and
 * {@code configured("channels")}, the sections of the runner's {@code orchestra.yaml}.
 */
@Extension
@Symbol("orchestra")
@Restricted(NoExternalUse.class)
public class OrchestraConfiguration extends GlobalConfiguration {
    public static final String TARGETS = "targets";
    public static final String CHANNELS = "channels";

    private List<DeployTargetEntry> targets = new ArrayList<>();
    private List<NotifyChannelEntry> channels = new ArrayList<>();

    public OrchestraConfiguration() {
        load();
    }

    public static OrchestraConfiguration get() {
        return ExtensionList.lookupSingleton(OrchestraConfiguration.class);
    }

    public List<DeployTargetEntry> getTargets() {
        return targets == null ? List.of() : List.copyOf(targets);
    }

    @DataBoundSetter
    public void setTargets(List<DeployTargetEntry> targets) {
        this.targets = new ArrayList<>(unique(TARGETS, targets));
        save();
    }

    public List<NotifyChannelEntry> getChannels() {
        return channels == null ? List.of() : List.copyOf(channels);
    }

    @DataBoundSetter
    public void setChannels(List<NotifyChannelEntry> channels) {
        this.channels = new ArrayList<>(unique(CHANNELS, channels));
        save();
    }

    /** A form with every entry of a list deleted sends no list at all: start from none. */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        targets = new ArrayList<>();
        channels = new ArrayList<>();
        try {
            req.bindJSON(this, json);
        } catch (IllegalArgumentException e) {
            throw new FormException(e.getMessage(), e, TARGETS);
        }
        save();
        return true;
    }

    /** Every section, by name: what travels to the agent with a step call. */
    public Map<String, Map<String, Map<String, Object>>> sections() {
        Map<String, Map<String, Map<String, Object>>> all = new LinkedHashMap<>();
        all.put(TARGETS, section(TARGETS));
        all.put(CHANNELS, section(CHANNELS));
        return all;
    }

    /** The entries of one section by name, each its settings; empty for a section Orchestra does not know. */
    public Map<String, Map<String, Object>> section(String name) {
        List<? extends NamedSettings> entries =
                switch (name) {
                    case TARGETS -> getTargets();
                    case CHANNELS -> getChannels();
                    default -> List.of();
                };
        Map<String, Map<String, Object>> section = new LinkedHashMap<>();
        for (NamedSettings entry : entries) {
            section.put(entry.getName(), entry.parse());
        }
        return section;
    }

    private static <T extends NamedSettings> List<T> unique(String section, List<T> entries) {
        List<T> list = entries == null ? List.of() : entries;
        Set<String> seen = new HashSet<>();
        for (T entry : list) {
            if (!seen.add(entry.getName())) {
                throw new IllegalArgumentException(section + " names '" + entry.getName() + "' twice");
            }
        }
        return list;
    }
}
