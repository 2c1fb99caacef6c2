package io.jenkins.plugins.orchestra.provision.ansible;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an Ansible run was asked to do. See {@code docs/steps/provision.md} for every argument.
 *
 * @param binary the program: {@code ansible-playbook}, or a path to it
 * @param playbooks the playbooks, run in order in one {@code ansible-playbook} call
 * @param inventory where the hosts are; empty for Ansible's own default
 * @param limit {@code --limit}: a host pattern
 * @param tags {@code --tags}
 * @param skipTags {@code --skip-tags}
 * @param extraVars extra variables ({@code -e}), plain data
 * @param secretVars extra variables from {@code string} credentials: variable name to credentials id
 * @param forks {@code --forks}
 * @param become {@code --become}
 * @param becomeUser {@code --become-user}
 * @param check check mode: {@code --check --diff}, nothing changes
 * @param diff {@code --diff} outside check mode too
 * @param vaultCredentials the vault password: a {@code file} or {@code string} credentials id
 * @param sshCredentials the SSH key and user: an {@code sshUserPrivateKey} credentials id
 * @param user {@code -u}, the remote user
 * @param connection {@code -c}: {@code local}, {@code ssh}
 * @param extraArgs more command-line arguments, as given
 */
public record AnsibleSpec(
        String binary,
        List<String> playbooks,
        Optional<Inventory> inventory,
        Optional<String> limit,
        List<String> tags,
        List<String> skipTags,
        Map<String, Object> extraVars,
        Map<String, String> secretVars,
        Optional<Integer> forks,
        boolean become,
        Optional<String> becomeUser,
        boolean check,
        boolean diff,
        Optional<String> vaultCredentials,
        Optional<String> sshCredentials,
        Optional<String> user,
        Optional<String> connection,
        List<String> extraArgs) {
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public AnsibleSpec {
        notBlank("binary", binary);
        playbooks = List.copyOf(playbooks);
        if (playbooks.isEmpty()) {
            throw new IllegalArgumentException("playbook is required");
        }
        playbooks.forEach(p -> notBlank("playbook", p));
        Objects.requireNonNull(inventory, "inventory");
        limit.ifPresent(l -> notBlank("limit", l));
        tags = List.copyOf(tags);
        skipTags = List.copyOf(skipTags);
        tags.forEach(t -> notBlank("tags", t));
        skipTags.forEach(t -> notBlank("skipTags", t));
        extraVars = Collections.unmodifiableMap(new LinkedHashMap<>(extraVars));
        secretVars = Collections.unmodifiableMap(new LinkedHashMap<>(secretVars));
        extraVars.keySet().forEach(k -> variable("extraVars", k));
        for (Map.Entry<String, String> e : secretVars.entrySet()) {
            variable("secretVars", e.getKey());
            notBlank("secretVars." + e.getKey(), e.getValue());
            if (extraVars.containsKey(e.getKey())) {
                throw new IllegalArgumentException(
                        "'" + e.getKey() + "' is in both extraVars and secretVars; give it in one of them");
            }
        }
        forks.ifPresent(f -> {
            if (f < 1) {
                throw new IllegalArgumentException("forks must be at least 1, was " + f);
            }
        });
        becomeUser.ifPresent(u -> notBlank("becomeUser", u));
        vaultCredentials.ifPresent(v -> notBlank("vaultCredentials", v));
        sshCredentials.ifPresent(v -> notBlank("sshCredentials", v));
        user.ifPresent(u -> notBlank("user", u));
        connection.ifPresent(c -> notBlank("connection", c));
        extraArgs = List.copyOf(extraArgs);
    }

    private static void notBlank(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(
                    field + " must not be blank, was " + (value == null ? "null" : "'" + value + "'"));
        }
    }

    private static void variable(String field, String name) {
        if (!VARIABLE.matcher(name).matches()) {
            throw new IllegalArgumentException(field + " names must be Ansible variable names (letters, digits and _,"
                    + " not starting with a digit), was '" + name + "'");
        }
    }
}
