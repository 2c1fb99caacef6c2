package io.jenkins.plugins.orchestra.provision.ansible;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.orchestra.host.Credential;
import io.jenkins.plugins.orchestra.host.FileCredential;
import io.jenkins.plugins.orchestra.host.Secret;
import io.jenkins.plugins.orchestra.host.SshUserPrivateKeyCredential;
import io.jenkins.plugins.orchestra.host.StringCredential;
import io.jenkins.plugins.orchestra.provision.CommandResult;
import io.jenkins.plugins.orchestra.provision.ProvisionContext;
import io.jenkins.plugins.orchestra.provision.ProvisionException;
import io.jenkins.plugins.orchestra.provision.ProvisionResult;
import io.jenkins.plugins.orchestra.provision.ProvisionTool;
import io.jenkins.plugins.orchestra.provision.ToolArguments;
import io.jenkins.plugins.orchestra.provision.ToolCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs {@code ansible-playbook} and reads its result from Ansible's JSON callback, not from its text: the per-host
 * counts of the play recap become the step's outputs, and a failed or unreachable host fails the step with a table of
 * all hosts. Progress shows while it runs through a small callback of Orchestra's that prints to stderr.
 */
public final class AnsibleTool implements ProvisionTool<AnsibleSpec> {
    static final String PROGRESS_CALLBACK = "orchestra_progress";
    private static final String INSTALL =
            "install Ansible (apt-get install ansible on Debian or Ubuntu, or pip install ansible-core), or set"
                    + " binary: to the path of ansible-playbook";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "ansible";
    }

    @Override
    public List<String> parameters() {
        return List.of(
                "binary",
                "playbook",
                "inventory",
                "limit",
                "tags",
                "skipTags",
                "extraVars",
                "secretVars",
                "forks",
                "become",
                "becomeUser",
                "check",
                "diff",
                "vaultCredentials",
                "sshCredentials",
                "user",
                "connection",
                "extraArgs");
    }

    @Override
    public AnsibleSpec parse(ToolArguments args) {
        Optional<Inventory> inventory = args.raw("inventory").map(v -> inventory(args, v));
        return new AnsibleSpec(
                args.string("binary").orElse("ansible-playbook"),
                args.strings("playbook"),
                inventory,
                args.string("limit"),
                args.strings("tags"),
                args.strings("skipTags"),
                args.map("extraVars"),
                args.stringMap("secretVars"),
                args.count("forks"),
                args.bool("become", false),
                args.string("becomeUser"),
                args.bool("check", false),
                args.bool("diff", false),
                args.string("vaultCredentials"),
                args.string("sshCredentials"),
                args.string("user"),
                args.string("connection"),
                args.strings("extraArgs"));
    }

    @SuppressWarnings("unchecked")
    private static Inventory inventory(ToolArguments args, Object value) {
        if (value instanceof CharSequence s) {
            String text = s.toString();
            return text.contains("\n") ? new Inventory.Text(text) : new Inventory.Source(text);
        }
        if (value instanceof List) {
            return new Inventory.Hosts(args.strings("inventory"));
        }
        if (value instanceof Map) {
            return new Inventory.Structured((Map<String, Object>) args.plain("inventory", value));
        }
        throw args.invalid("inventory must be a path, a list of hosts, inline INI or YAML text, or a map, was "
                + ToolArguments.show(value));
    }

    @Override
    public ProvisionResult run(AnsibleSpec spec, ProvisionContext context) {
        Path program = context.executable(spec.binary(), INSTALL);
        boolean check = spec.check() || context.dryRun();
        if (check && !spec.check()) {
            context.info("Dry run: running the playbook in check mode (--check --diff); nothing is changed");
        }
        List<String> argv = new ArrayList<>();
        argv.add(program.toString());
        spec.inventory().ifPresent(i -> {
            argv.add("-i");
            argv.add(inventoryArgument(i, context));
        });
        spec.limit().ifPresent(l -> add(argv, "--limit", l));
        if (!spec.tags().isEmpty()) {
            add(argv, "--tags", String.join(",", spec.tags()));
        }
        if (!spec.skipTags().isEmpty()) {
            add(argv, "--skip-tags", String.join(",", spec.skipTags()));
        }
        if (!spec.extraVars().isEmpty()) {
            add(argv, "-e", "@" + context.privateFile("extra-vars.json", json(spec.extraVars())));
        }
        if (!spec.secretVars().isEmpty()) {
            Map<String, Object> secrets = new LinkedHashMap<>();
            spec.secretVars()
                    .forEach((name, id) ->
                            secrets.put(name, context.secretText(id).reveal()));
            add(argv, "-e", "@" + context.privateFile("secret-vars.json", json(secrets)));
        }
        spec.forks().ifPresent(f -> add(argv, "--forks", Integer.toString(f)));
        if (spec.become()) {
            argv.add("--become");
        }
        spec.becomeUser().ifPresent(u -> add(argv, "--become-user", u));
        if (check) {
            argv.add("--check");
        }
        if (check || spec.diff()) {
            argv.add("--diff");
        }
        spec.vaultCredentials().ifPresent(id -> add(argv, "--vault-password-file", vaultFile(id, context)));
        Optional<String> user = spec.user();
        if (spec.sshCredentials().isPresent()) {
            SshUserPrivateKeyCredential key =
                    context.credentials(spec.sshCredentials().get(), SshUserPrivateKeyCredential.class);
            if (key.passphrase().isPresent()) {
                throw ProvisionException.failed("provision (ansible): the key of sshCredentials '" + key.id()
                        + "' has a passphrase, which ansible-playbook cannot be given; use a key without one");
            }
            String pem = key.privateKey().reveal();
            add(
                    argv,
                    "--private-key",
                    context.privateFile(
                                    "ssh-key", (pem.endsWith("\n") ? pem : pem + "\n").getBytes(StandardCharsets.UTF_8))
                            .toString());
            if (user.isEmpty()) {
                user = Optional.of(key.username());
            }
        }
        user.ifPresent(u -> add(argv, "-u", u));
        spec.connection().ifPresent(c -> add(argv, "-c", c));
        argv.addAll(spec.extraArgs());
        argv.addAll(spec.playbooks());

        CommandResult result = context.run(
                ToolCommand.of(argv).withEnvironment(environment(context)).capturingStdout());
        AnsibleReport report;
        try {
            report = AnsibleReport.parse(result.stdout());
        } catch (IllegalArgumentException e) {
            throw ProvisionException.failed("ansible-playbook "
                    + (result.exitCode() == 0 ? "succeeded" : "failed with exit code " + result.exitCode())
                    + " but gave no report (" + e.getMessage() + ")"
                    + result.firstError().map(m -> ": " + m).orElse("; see the log above"));
        }
        return outcome(report, result, check, context);
    }

    private static ProvisionResult outcome(
            AnsibleReport report, CommandResult result, boolean check, ProvisionContext context) {
        context.info("PLAY RECAP" + (check ? " (check mode: nothing was changed)" : ""));
        report.table().forEach(line -> context.info("  " + line));
        report.problems().forEach(p -> context.info("  " + p));
        AnsibleReport.HostStats t = report.totals();
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("changed", t.changed() > 0);
        outputs.put("hosts", report.hosts().size());
        outputs.put("ok", t.ok());
        outputs.put("changes", t.changed());
        outputs.put("unreachable", t.unreachable());
        outputs.put("failed", t.failures());
        outputs.put("skipped", t.skipped());
        outputs.put("rescued", t.rescued());
        outputs.put("ignored", t.ignored());
        outputs.put("checkMode", check);
        List<String> bad = report.badHosts();
        if (!bad.isEmpty()) {
            boolean onlyUnreachable = report.hosts().values().stream().allMatch(s -> s.failures() == 0);
            String hosts = bad.stream()
                    .map(h -> h + " (" + (report.hosts().get(h).failures() > 0 ? "failed" : "unreachable") + ")")
                    .collect(Collectors.joining(", "));
            String message = "ansible-playbook failed on " + bad.size() + " of "
                    + report.hosts().size() + " hosts: " + hosts + "; see the play recap above";
            throw onlyUnreachable ? ProvisionException.retryable(message) : ProvisionException.failed(message);
        }
        if (result.exitCode() != 0) {
            throw ProvisionException.failed("ansible-playbook failed with exit code " + result.exitCode()
                    + result.firstError().map(m -> ": " + m).orElse("; see the log above"));
        }
        if (report.hosts().isEmpty()) {
            context.listener().warn("the playbook ran on no host: does the inventory or the limit match any?");
        }
        context.info("ansible-playbook " + (check ? "would change " : "changed ") + t.changed() + " task result"
                + (t.changed() == 1 ? "" : "s") + " on " + report.hosts().size() + " host"
                + (report.hosts().size() == 1 ? "" : "s"));
        return ProvisionResult.of("ansible", outputs);
    }

    /** The JSON callback for results, Orchestra's progress callback for the log, and plain output. */
    private static Map<String, String> environment(ProvisionContext context) {
        Path callbacks = context.privateDirectory().resolve("callback_plugins");
        try (InputStream in = AnsibleTool.class.getResourceAsStream(PROGRESS_CALLBACK + ".py")) {
            if (in == null) {
                throw new IllegalStateException(PROGRESS_CALLBACK + ".py is missing from the classpath");
            }
            Files.createDirectories(callbacks);
            Files.write(callbacks.resolve(PROGRESS_CALLBACK + ".py"), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write Ansible's progress callback", e);
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ANSIBLE_STDOUT_CALLBACK", "json");
        env.put(
                "ANSIBLE_CALLBACK_PLUGINS",
                join(callbacks.toString(), context.environment().get("ANSIBLE_CALLBACK_PLUGINS"), ":"));
        env.put(
                "ANSIBLE_CALLBACKS_ENABLED",
                join(PROGRESS_CALLBACK, context.environment().get("ANSIBLE_CALLBACKS_ENABLED"), ","));
        env.put("ANSIBLE_NOCOLOR", "1");
        env.put("ANSIBLE_RETRY_FILES_ENABLED", "0");
        env.put("PYTHONUNBUFFERED", "1");
        return env;
    }

    private static String join(String ours, String theirs, String separator) {
        return theirs == null || theirs.isBlank() ? ours : ours + separator + theirs;
    }

    private static String inventoryArgument(Inventory inventory, ProvisionContext context) {
        if (inventory instanceof Inventory.Source s) {
            return s.value();
        }
        if (inventory instanceof Inventory.Hosts h) {
            return String.join(",", h.hosts()) + ",";
        }
        if (inventory instanceof Inventory.Text t) {
            return context.privateFile(
                            t.isYaml() ? "inventory.yml" : "inventory.ini",
                            t.content().getBytes(StandardCharsets.UTF_8))
                    .toString();
        }
        // JSON is YAML: the yaml inventory plugin reads it under a .yml name
        return context.privateFile("inventory.yml", json(((Inventory.Structured) inventory).content()))
                .toString();
    }

    /** The vault password in a private file: the content of {@code file} credentials, or the text of {@code string}. */
    private static String vaultFile(String id, ProvisionContext context) {
        Credential credential = context.credentials(id);
        byte[] content;
        if (credential instanceof FileCredential f) {
            content = f.content();
            text(content).map(String::strip).filter(s -> !s.isEmpty()).ifPresent(s -> context.host()
                    .addSecret(Secret.of(s)));
        } else if (credential instanceof StringCredential s) {
            content = (s.secret().reveal() + "\n").getBytes(StandardCharsets.UTF_8);
        } else {
            throw ProvisionException.invalid("provision (ansible): vaultCredentials '" + id + "' is of type '"
                    + credential.type() + "' where 'file' or 'string' was expected");
        }
        return context.privateFile("vault-password", content).toString();
    }

    private static Optional<String> text(byte[] content) {
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(content))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain data must write as JSON", e);
        }
    }

    private static void add(List<String> argv, String option, String value) {
        argv.add(option);
        argv.add(value);
    }
}
