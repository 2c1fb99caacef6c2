package io.jenkins.plugins.orchestra.runner.credentials;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.jenkins.plugins.orchestra.host.Credential;
import io.jenkins.plugins.orchestra.host.CredentialType;
import io.jenkins.plugins.orchestra.host.FileCredential;
import io.jenkins.plugins.orchestra.host.Secret;
import io.jenkins.plugins.orchestra.host.SshUserPrivateKeyCredential;
import io.jenkins.plugins.orchestra.host.StringCredential;
import io.jenkins.plugins.orchestra.host.UsernamePasswordCredential;
import io.jenkins.plugins.orchestra.internal.Suggestions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the runner's credentials file: <code>{"credentials": {"id": {"type": "string", "secret": "…"}, …}}</code>.
 * Files an entry points to (a secret file, a private key) are read when the credentials are looked up.
 */
final class CredentialsFile {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final Map<CredentialType, List<String>> FIELDS = Map.of(
            CredentialType.STRING, List.of("secret"),
            CredentialType.USERNAME_PASSWORD, List.of("username", "password"),
            CredentialType.FILE, List.of("path", "fileName", "content"),
            CredentialType.SSH_USER_PRIVATE_KEY, List.of("username", "privateKey", "privateKeyFile", "passphrase"));

    /** Fields any entry may have besides its type's. */
    private static final List<String> COMMON = List.of("type", "description");

    private static final String TYPES =
            Arrays.stream(CredentialType.values()).map(CredentialType::symbol).collect(Collectors.joining(", "));

    /** One entry of the file, its files not read yet. */
    interface Entry {
        CredentialType type();

        Credential resolve();
    }

    private CredentialsFile() {}

    /** The entries of the file by id, in file order. The file must be private to its owner where POSIX says so. */
    static Map<String, Entry> read(Path file, Path home) {
        requirePrivate("credentials file", file);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw LocalCredentialsException.cannotRead("credentials file", file, e);
        }
        return new Parser(file, home).parse(utf8(file, bytes));
    }

    /** The text of the file, refused on the first byte that is not UTF-8 rather than read as something else. */
    private static String utf8(Path file, byte[] bytes) {
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length);
        java.nio.charset.CoderResult result = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                .decode(in, out, true);
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw LocalCredentialsException.invalid(file, line, "not UTF-8 text; save it as UTF-8");
        }
        return out.flip().toString();
    }

    /** Refuses a file that others than its owner may read, write or run, as ssh refuses such a key. */
    static void requirePrivate(String what, Path file) {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return; // not a POSIX file system: its ACLs are the user's business
        } catch (IOException e) {
            throw LocalCredentialsException.cannotRead(what, file, e);
        }
        int mode = 0;
        for (PosixFilePermission p : permissions) {
            mode |= 1 << (8 - p.ordinal());
        }
        if ((mode & 0077) != 0) {
            throw LocalCredentialsException.tooOpen(what, file, String.format(Locale.ROOT, "%04o", mode));
        }
    }

    private static final class Parser {
        private final Path file;
        private final Path home;

        Parser(Path file, Path home) {
            this.file = file;
            this.home = home;
        }

        Map<String, Entry> parse(String text) {
            Map<String, Entry> entries = new LinkedHashMap<>();
            try (JsonParser p = MAPPER.createParser(text)) {
                JsonToken token = p.nextToken();
                if (token == null) {
                    return entries;
                }
                if (token != JsonToken.START_OBJECT) {
                    throw invalid(p, "the file must hold one JSON object, {\"credentials\": {…}}");
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    if (!key.equals("credentials")) {
                        throw invalid(p, "unknown field '" + key + "'" + didYouMean(key, List.of("credentials")));
                    }
                    if (p.nextToken() != JsonToken.START_OBJECT) {
                        throw invalid(p, "\"credentials\" must be an object of credentials by id, was " + kind(p));
                    }
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String id = p.currentName();
                        int line = p.currentTokenLocation().getLineNr();
                        p.nextToken();
                        JsonNode node = p.readValueAsTree();
                        entries.put(id, entry(line, id, node));
                    }
                }
                if (p.nextToken() != null) {
                    throw invalid(p, "more after the end of the JSON object");
                }
            } catch (JsonProcessingException e) {
                throw notJson(e);
            } catch (IOException e) {
                throw new IllegalStateException("reading a string cannot fail", e);
            }
            return entries;
        }

        private Entry entry(int line, String id, JsonNode node) {
            if (id.isBlank()) {
                throw LocalCredentialsException.invalid(file, line, "a credentials id must not be blank");
            }
            if (!node.isObject()) {
                throw LocalCredentialsException.invalid(
                        file, line, "credentials '" + id + "' must be an object, was " + kind(node));
            }
            Fields f = new Fields(line, id, node);
            JsonNode typeNode = node.get("type");
            if (typeNode == null) {
                throw f.invalid("has no \"type\"; use one of " + TYPES);
            }
            if (!typeNode.isTextual()) {
                throw f.invalid("has a \"type\" that is not a string; use one of " + TYPES);
            }
            String symbol = typeNode.textValue();
            CredentialType type = CredentialType.ofSymbol(symbol)
                    .orElseThrow(() -> f.invalid("has an unknown type '" + symbol + "'"
                            + didYouMean(
                                    symbol,
                                    Arrays.stream(CredentialType.values())
                                            .map(CredentialType::symbol)
                                            .toList())
                            + "; use one of " + TYPES));
            f.type = type;
            f.refuseUnknownFields(FIELDS.get(type));
            switch (type) {
                case STRING: {
                    Secret secret = f.secret("secret");
                    return entry(type, () -> new StringCredential(id, secret));
                }
                case USERNAME_PASSWORD: {
                    String username = f.text("username");
                    Secret password = f.secret("password");
                    return entry(type, () -> new UsernamePasswordCredential(id, username, password));
                }
                case FILE:
                    return fileEntry(f, id);
                case SSH_USER_PRIVATE_KEY:
                    return sshEntry(f, id);
                default:
                    throw new IllegalStateException("unhandled type " + type);
            }
        }

        private Entry fileEntry(Fields f, String id) {
            f.oneOf("path", "content");
            if (f.has("path")) {
                Path path = resolve(f.text("path"));
                String fileName = f.has("fileName") ? f.text("fileName") : String.valueOf(path.getFileName());
                f.requireFileName(fileName);
                return entry(CredentialType.FILE, () -> new FileCredential(id, fileName, readFile(id, path)));
            }
            if (!f.has("fileName")) {
                throw f.invalid("has \"content\" but no \"fileName\" to write it to");
            }
            String fileName = f.text("fileName");
            f.requireFileName(fileName);
            byte[] content = f.secret("content").reveal().getBytes(StandardCharsets.UTF_8);
            return entry(CredentialType.FILE, () -> new FileCredential(id, fileName, content));
        }

        private Entry sshEntry(Fields f, String id) {
            String username = f.text("username");
            f.oneOf("privateKey", "privateKeyFile");
            Optional<Secret> passphrase = f.has("passphrase") ? Optional.of(f.secret("passphrase")) : Optional.empty();
            if (f.has("privateKey")) {
                Secret key = f.secret("privateKey");
                return entry(
                        CredentialType.SSH_USER_PRIVATE_KEY,
                        () -> new SshUserPrivateKeyCredential(id, username, key, passphrase));
            }
            Path keyFile = resolve(f.text("privateKeyFile"));
            return entry(CredentialType.SSH_USER_PRIVATE_KEY, () -> {
                byte[] bytes = readFile(id, keyFile);
                requirePrivate("private key file", keyFile);
                Secret key = Secret.of(new String(bytes, StandardCharsets.UTF_8));
                return new SshUserPrivateKeyCredential(id, username, key, passphrase);
            });
        }

        private static Entry entry(CredentialType type, java.util.function.Supplier<Credential> resolve) {
            return new Entry() {
                @Override
                public CredentialType type() {
                    return type;
                }

                @Override
                public Credential resolve() {
                    return resolve.get();
                }
            };
        }

        private byte[] readFile(String id, Path path) {
            try {
                return Files.readAllBytes(path);
            } catch (IOException e) {
                throw LocalCredentialsException.cannotReadFileOf(id, path, e);
            }
        }

        /** A path of the file: {@code ~/} is the home directory, a relative path is next to the credentials file. */
        private Path resolve(String path) {
            if (path.equals("~") || path.startsWith("~/")) {
                return home.resolve(path.substring(Math.min(2, path.length())));
            }
            return file.toAbsolutePath().getParent().resolve(path);
        }

        private LocalCredentialsException invalid(JsonParser p, String why) {
            return LocalCredentialsException.invalid(
                    file, p.currentTokenLocation().getLineNr(), why);
        }

        /**
         * Jackson's reason in its own words only where those words hold none of the file's text, which may be a
         * secret: an unquoted password is "Unrecognized token 'hunter2'" to Jackson.
         */
        private LocalCredentialsException notJson(JsonProcessingException e) {
            String message = String.valueOf(e.getOriginalMessage());
            String why;
            if (message.startsWith("Unexpected end-of-input")) {
                why = "it ends inside a value; a '}', ']' or '\"' is missing";
            } else if (message.startsWith("Duplicate field ")) {
                why = "field " + message.substring("Duplicate field ".length()) + " appears twice";
            } else if (message.startsWith("Unrecognized token")) {
                why = "a value that is neither a string in double quotes, a number, true, false nor null";
            } else if (message.startsWith("Illegal unquoted character")) {
                why = "a control character in a string; write a line break as \\n";
            } else if (message.startsWith("Unexpected character") && message.contains("): ")) {
                why = "unexpected character; "
                        + message.substring(message.indexOf("): ") + 3)
                                .lines()
                                .findFirst()
                                .orElse("");
            } else {
                why = "unexpected character";
            }
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            int column = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
            return LocalCredentialsException.notJson(file, line, column, why);
        }

        /** The fields of one entry, each accessor naming the entry and field in its error. */
        private final class Fields {
            private final int line;
            private final String id;
            private final JsonNode node;
            private CredentialType type;

            Fields(int line, String id, JsonNode node) {
                this.line = line;
                this.id = id;
                this.node = node;
            }

            boolean has(String name) {
                return node.has(name);
            }

            String text(String name) {
                JsonNode value = node.get(name);
                if (value == null) {
                    throw invalid("has no \"" + name + "\"");
                }
                if (!value.isTextual()) {
                    // the value is not shown: it may be a secret written without its quotes
                    throw invalid("has a \"" + name + "\" that is not a string but " + kind(value));
                }
                return value.textValue();
            }

            Secret secret(String name) {
                return Secret.of(text(name));
            }

            void oneOf(String a, String b) {
                if (has(a) == has(b)) {
                    throw invalid(
                            has(a)
                                    ? "has both \"" + a + "\" and \"" + b + "\"; keep one"
                                    : "has neither \"" + a + "\" nor \"" + b + "\"");
                }
            }

            void requireFileName(String fileName) {
                if (fileName.isBlank()
                        || fileName.equals(".")
                        || fileName.equals("..")
                        || fileName.contains("/")
                        || fileName.contains("\\")) {
                    throw invalid("has a \"fileName\" that is not a file name: '" + fileName + "'");
                }
            }

            void refuseUnknownFields(List<String> known) {
                for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                    String name = names.next();
                    if (!known.contains(name) && !COMMON.contains(name)) {
                        throw invalid("has an unknown field \"" + name + "\"" + didYouMean(name, known)
                                + "; a " + type + " has "
                                + known.stream().map(k -> "\"" + k + "\"").collect(Collectors.joining(", ")));
                    }
                }
            }

            LocalCredentialsException invalid(String why) {
                String which = "credentials '" + id + "'" + (type == null ? "" : " of type '" + type + "'");
                return LocalCredentialsException.invalid(file, line, which + " " + why);
            }
        }
    }

    private static String didYouMean(String typed, List<String> candidates) {
        return Suggestions.closest(typed, candidates)
                .map(m -> " (did you mean '" + m + "'?)")
                .orElse("");
    }

    private static String kind(JsonParser p) {
        JsonToken t = p.currentToken();
        if (t == null) {
            return "nothing";
        }
        switch (t) {
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return "an object";
        }
    }

    private static String kind(JsonNode node) {
        if (node.isArray()) {
            return "an array";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isNull()) {
            return "null";
        }
        return "an object";
    }
}
