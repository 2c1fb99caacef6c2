package io.jenkins.plugins.orchestra.deploy;

import io.jenkins.plugins.orchestra.host.StepHost;
import io.jenkins.plugins.orchestra.internal.Suggestions;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** The target a deploy names: configured by name ({@code target: 'web'}) or given inline ({@code target: [kind: …]}). */
public sealed interface TargetRef permits TargetRef.Named, TargetRef.Inline {
    /** The target's settings as configured or written, not checked yet. */
    Map<String, Object> config(StepHost host);

    /** The target as the host configures it, checked. */
    default TargetSpec resolve(StepHost host) {
        Map<String, Object> config = config(host);
        try {
            return TargetSpec.fromConfig(name(), config);
        } catch (IllegalArgumentException e) {
            throw DeployException.invalid(e.getMessage().replaceFirst("^deploy: ", ""));
        }
    }

    /** How the target reads in messages: {@code web}, {@code inline}. */
    String name();

    /** A target from the host's configuration ({@code targets:} in {@code orchestra.yaml}). */
    record Named(String name) implements TargetRef {
        public Named {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException(
                        "deploy: target must name a configured target or be a map, was blank");
            }
        }

        @Override
        public Map<String, Object> config(StepHost host) {
            Map<String, Map<String, Object>> targets = host.configured("targets");
            Map<String, Object> config = targets.get(name);
            if (config == null) {
                String hint = Suggestions.closest(name, targets.keySet())
                        .map(s -> " (did you mean '" + s + "'?)")
                        .orElse("");
                throw DeployException.invalid("no target '" + name + "' is configured" + hint
                        + (targets.isEmpty()
                                ? "; there are no targets: define it under targets: in orchestra.yaml"
                                : "; configured targets: " + String.join(", ", new TreeSet<>(targets.keySet())))
                        + ", or give it inline: target: [kind: 'local', base: '…']");
            }
            return config;
        }
    }

    /** A target written in the step: {@code target: [kind: 'local', base: '/srv/app']}. */
    record Inline(Map<String, Object> config) implements TargetRef {
        public Inline {
            config = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(config));
        }

        @Override
        public String name() {
            return "inline";
        }

        @Override
        public Map<String, Object> config(StepHost host) {
            return config;
        }
    }

    static TargetRef parse(Object value) {
        if (value instanceof CharSequence s) {
            return new Named(s.toString());
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> config = new java.util.LinkedHashMap<>();
            m.forEach((k, v) -> {
                if (v != null) {
                    config.put(String.valueOf(k), v);
                }
            });
            return new Inline(config);
        }
        throw new IllegalArgumentException("deploy: target must name a configured target or be a map such as [kind:"
                + " 'local', base: '/srv/app'], was " + Args.describe(value));
    }
}
