package io.jenkins.plugins.orchestra.notify;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import io.jenkins.plugins.orchestra.internal.Suggestions;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A Mustache template (jmustache) over a message's variables, such as {@code {{status}}} and {@code
 * {{#failingStage}}…{{/failingStage}}}. A template that has no double brace but has a dollar brace is read with
 * dollar-brace delimiters, so {@code 'Deployed ${version} to ${target}'}, as users write it in a single-quoted Groovy
 * string, works as they mean it.
 *
 * <p>A name the message does not have is an error that names it (and the closest known name), not an empty string:
 * a typo shows the first time the template is used.
 */
public final class MessageTemplate {
    private final String field;
    private final String source;
    private final boolean dollar;
    private final Map<Format, Template> compiled = new EnumMap<>(Format.class);

    private MessageTemplate(String field, String source) {
        this.field = field;
        this.source = source;
        this.dollar = source.contains("${") && !source.contains("{{");
    }

    /**
     * Reads a template.
     *
     * @param field what the template is, for messages: {@code message}, {@code channel 'ops': body}
     * @throws NotifyException if it is not valid Mustache, with the line
     */
    public static MessageTemplate parse(String field, String source) {
        Objects.requireNonNull(source, field);
        MessageTemplate template = new MessageTemplate(field, source);
        template.compile(Format.TEXT);
        return template;
    }

    public String source() {
        return source;
    }

    /**
     * Renders the template over {@code variables}, escaping values for {@code format}.
     *
     * @throws NotifyException if the template uses a name that {@code variables} do not have
     */
    public String render(Map<String, Object> variables, Format format) {
        Template template = compile(format);
        try {
            return template.execute(variables);
        } catch (MustacheException.Context e) {
            String name = e.key;
            String known = Suggestions.closest(name, variables.keySet())
                    .map(s -> " (did you mean '" + s + "'?)")
                    .orElse("; known: " + String.join(", ", variables.keySet()));
            throw NotifyException.invalid(field + ": no variable '" + name + "' on line " + e.lineNo + known);
        } catch (MustacheException e) {
            throw NotifyException.invalid(field + ": " + e.getMessage());
        }
    }

    private synchronized Template compile(Format format) {
        Template template = compiled.get(format);
        if (template == null) {
            Mustache.Compiler compiler =
                    Mustache.compiler().nullValue("").emptyStringIsFalse(true).withEscaper(format.escaper());
            if (dollar) {
                compiler = compiler.withDelims("${ }");
            }
            try {
                template = compiler.compile(source);
            } catch (MustacheException e) {
                throw NotifyException.invalid(field + " is not a valid template: " + e.getMessage());
            }
            compiled.put(format, template);
        }
        return template;
    }
}
