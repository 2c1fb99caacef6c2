package io.jenkins.plugins.orchestra.provision.ansible;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Where {@code ansible-playbook} finds its hosts: the {@code inventory} argument in one of its four shapes. */
public sealed interface Inventory {
    /**
     * A path (an INI or YAML file, a directory, a dynamic inventory script) or Ansible's own host list {@code
     * 'web1,web2,'}, given to {@code -i} as written: {@code inventory: 'hosts.ini'}.
     */
    record Source(String value) implements Inventory {
        public Source {
            if (Objects.requireNonNull(value, "inventory").isBlank()) {
                throw new IllegalArgumentException("inventory must not be blank");
            }
        }
    }

    /** Host names or addresses: {@code inventory: ['web1', 'web2']}. */
    record Hosts(List<String> hosts) implements Inventory {
        public Hosts {
            hosts = List.copyOf(hosts);
            if (hosts.isEmpty()) {
                throw new IllegalArgumentException("inventory must name at least one host, was []");
            }
            for (String h : hosts) {
                if (h.isBlank() || h.contains(",") || h.chars().anyMatch(Character::isWhitespace)) {
                    throw new IllegalArgumentException(
                            "inventory hosts must be names without spaces or commas, was '" + h + "'");
                }
            }
        }
    }

    /**
     * An inventory written inline in INI or YAML, recognised by its line breaks: {@code inventory: '''[web]\nweb1
     * ansible_connection=local\n'''}.
     */
    record Text(String content) implements Inventory {
        public Text {
            Objects.requireNonNull(content, "inventory");
        }

        /** Whether the text is YAML (a {@code ---} line or a first entry such as {@code all:}) rather than INI. */
        public boolean isYaml() {
            for (String line : content.split("\n")) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#") || l.startsWith(";")) {
                    continue;
                }
                return l.equals("---") || (l.endsWith(":") && !l.startsWith("["));
            }
            return false;
        }
    }

    /** An inventory as a map, in the shape of Ansible's YAML inventory: {@code inventory: [all: [hosts: [...]]]}. */
    record Structured(Map<String, Object> content) implements Inventory {
        public Structured {
            content = Collections.unmodifiableMap(new LinkedHashMap<>(content));
            if (content.isEmpty()) {
                throw new IllegalArgumentException("inventory must not be an empty map");
            }
        }
    }
}
