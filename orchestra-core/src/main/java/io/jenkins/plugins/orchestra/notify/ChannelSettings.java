package io.jenkins.plugins.orchestra.notify;

import io.jenkins.plugins.orchestra.host.Credential;
import io.jenkins.plugins.orchestra.host.Secret;
import io.jenkins.plugins.orchestra.host.StepHost;
import io.jenkins.plugins.orchestra.internal.Durations;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A channel's settings, as {@code orchestra.yaml} (or Jenkins' configuration) names them and the {@code notify} call
 * overrides them: plain values read by name. Every reader throws a {@link NotifyException} that names the channel,
 * the setting and the bad value ({@code channel 'ops': port must be a number, was 'x'}).
 */
public final class ChannelSettings {
    private final String channel;
    private final String kind;
    private final Map<String, Object> values;

    /**
     * @param channel the channel's name, for messages
     * @param kind its kind
     */
    public ChannelSettings(String channel, String kind, Map<String, ?> values) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public String channel() {
        return channel;
    }

    public String kind() {
        return kind;
    }

    public Map<String, Object> values() {
        return values;
    }

    public boolean has(String key) {
        return values.get(key) != null;
    }

    /** A problem with this channel's settings. */
    public NotifyException invalid(String problem) {
        return NotifyException.invalid("channel '" + channel + "' (" + kind + "): " + problem);
    }

    public Optional<String> string(String key) {
        Object v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Map<?, ?> || v instanceof Collection<?>) {
            throw invalid(key + " must be text, was " + v);
        }
        String s = v.toString();
        return s.isBlank() ? Optional.empty() : Optional.of(s);
    }

    public String requiredString(String key) {
        return string(key).orElseThrow(() -> invalid(key + " is required"));
    }

    public boolean bool(String key, boolean otherwise) {
        Object v = values.get(key);
        if (v == null) {
            return otherwise;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = v.toString().strip().toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("false")) {
            return Boolean.parseBoolean(s);
        }
        throw invalid(key + " must be true or false, was '" + v + "'");
    }

    public int integer(String key, int otherwise, int min, int max) {
        Object v = values.get(key);
        if (v == null) {
            return otherwise;
        }
        int n;
        try {
            n = v instanceof Number number
                    ? number.intValue()
                    : Integer.parseInt(v.toString().strip());
        } catch (NumberFormatException e) {
            throw invalid(key + " must be a number, was '" + v + "'");
        }
        if (n < min || n > max) {
            throw invalid(key + " must be between " + min + " and " + max + ", was " + n);
        }
        return n;
    }

    /** A duration: {@code '10s'}, {@code '500ms'}, {@code 'PT1M'}, or a number of seconds. */
    public Duration duration(String key, Duration otherwise) {
        Object v = values.get(key);
        if (v == null) {
            return otherwise;
        }
        Duration d;
        try {
            d = v instanceof Number n
                    ? Duration.ofMillis(Math.round(n.doubleValue() * 1000))
                    : Durations.parse(v.toString());
        } catch (IllegalArgumentException e) {
            throw invalid(key + ": " + e.getMessage());
        }
        if (d.isNegative() || d.isZero()) {
            throw invalid(key + " must be positive, was " + v);
        }
        return d;
    }

    /** A list of texts: a YAML/Groovy list, or one text with items separated by commas. */
    public List<String> list(String key) {
        Object v = values.get(key);
        List<String> items = new ArrayList<>();
        if (v instanceof Collection<?> c) {
            for (Object item : c) {
                if (item != null && !item.toString().isBlank()) {
                    items.add(item.toString().strip());
                }
            }
        } else if (v != null) {
            for (String item : v.toString().split(",")) {
                if (!item.isBlank()) {
                    items.add(item.strip());
                }
            }
        }
        return items;
    }

    /** A map of texts, such as HTTP headers. */
    public Map<String, String> map(String key) {
        Object v = values.get(key);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw invalid(key + " must be a map of names to values, was '" + v + "'");
        }
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, value) -> out.put(String.valueOf(k), value == null ? "" : value.toString()));
        return out;
    }

    /** An {@code http} or {@code https} URL. */
    public static URI url(String text, ChannelSettings settings, String what) {
        try {
            URI uri = new URI(text.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw settings.invalid(what + " must be an http or https URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            // the value may be a secret: say where, not what
            throw settings.invalid(what + " is not a valid URL");
        }
    }

    /**
     * The channel's endpoint URL: {@code url} in the settings, or the secret text of the credentials {@code
     * credentialsKey} names. Either way the URL is masked from now on: a webhook URL is as good as a password.
     */
    public URI secretUrl(String urlKey, String credentialsKey, StepHost host) {
        Optional<String> plain = string(urlKey);
        Optional<String> id = string(credentialsKey);
        if (plain.isPresent() && id.isPresent()) {
            throw invalid("give " + urlKey + " or " + credentialsKey + ", not both");
        }
        String url;
        if (id.isPresent()) {
            url = secret(credentialsKey, host).reveal().strip();
        } else {
            url = plain.orElseThrow(() -> invalid(urlKey + " or " + credentialsKey + " is required"));
        }
        host.addSecret(Secret.of(url));
        return url(url, this, id.map(i -> "the URL in credentials '" + i + "'").orElse(urlKey));
    }

    /**
     * The secret text of the credentials that setting {@code key} names (a {@code string} credential, or the password
     * of a {@code usernamePassword} one), added to the host's masked secrets.
     *
     * @throws io.jenkins.plugins.orchestra.host.CredentialsException if there are none
     */
    public Secret secret(String key, StepHost host) {
        String id = requiredString(key);
        Credential credential = host.credentials().get(id);
        credential.secrets().forEach(host::addSecret);
        if (credential instanceof io.jenkins.plugins.orchestra.host.StringCredential s) {
            return s.secret();
        }
        if (credential instanceof io.jenkins.plugins.orchestra.host.UsernamePasswordCredential up) {
            return up.password();
        }
        throw invalid(key + " '" + id + "' must be a string (secret text) credential, was " + credential.type());
    }

    /** The credentials setting {@code key} names, of this type, added to the host's masked secrets. */
    public <C extends Credential> C credential(String key, Class<C> type, StepHost host) {
        C credential = host.credentials().get(requiredString(key), type);
        credential.secrets().forEach(host::addSecret);
        return credential;
    }
}
