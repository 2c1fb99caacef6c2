package io.jenkins.plugins.orchestra.jenkins.steps;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The credentials ids a step call may ask for, found in its arguments and in the settings of the target or channel it
 * names, so that the controller resolves exactly those and ships them with the call. Core names credentials the same
 * way everywhere: a setting whose name ends in {@code credentialsId} or {@code Credentials} ({@code credentialsId},
 * {@code authCredentialsId}, {@code sshCredentials}), or a map of names to ids ({@code secretEnv}, {@code secretVars}).
 */
@Restricted(NoExternalUse.class)
final class CredentialIds {
    private static final Set<String> MAPS_OF_IDS = Set.of("secretenv", "secretvars");

    private CredentialIds() {}

    /** Every id named anywhere in these values: maps and lists are searched through. */
    static Set<String> in(Object... values) {
        Set<String> ids = new TreeSet<>();
        for (Object value : values) {
            collect("", value, ids);
        }
        return ids;
    }

    private static void collect(String key, Object value, Set<String> ids) {
        String name = key.toLowerCase(Locale.ROOT);
        if (value instanceof Map<?, ?> map) {
            boolean mapOfIds = MAPS_OF_IDS.contains(name);
            map.forEach((k, v) -> {
                if (mapOfIds && v instanceof CharSequence id) {
                    add(id, ids);
                } else {
                    collect(String.valueOf(k), v, ids);
                }
            });
        } else if (value instanceof Iterable<?> items) {
            items.forEach(item -> collect(key, item, ids));
        } else if (value instanceof CharSequence id
                && (name.endsWith("credentialsid") || name.endsWith("credentials"))) {
            add(id, ids);
        }
    }

    private static void add(CharSequence id, Set<String> ids) {
        String s = id.toString().strip();
        if (!s.isEmpty()) {
            ids.add(s);
        }
    }
}
