package io.jenkins.plugins.orchestra.runner.steps;

import io.jenkins.plugins.orchestra.host.Credential;
import io.jenkins.plugins.orchestra.host.CredentialStore;
import io.jenkins.plugins.orchestra.host.FileCredential;
import io.jenkins.plugins.orchestra.host.SecretMasker;
import io.jenkins.plugins.orchestra.host.SshUserPrivateKeyCredential;
import io.jenkins.plugins.orchestra.host.StringCredential;
import io.jenkins.plugins.orchestra.host.UsernamePasswordCredential;
import io.jenkins.plugins.orchestra.internal.FileTrees;
import io.jenkins.plugins.orchestra.runner.script.PipelineRuntime;
import io.jenkins.plugins.orchestra.runner.script.StepCall;
import io.jenkins.plugins.orchestra.runner.script.StepException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code withCredentials([...]) {…}} with the bindings of Jenkins' Credentials Binding plugin ({@code
 * usernamePassword}, {@code string}, {@code file}, {@code sshUserPrivateKey}, {@code usernameColonPassword}), and
 * {@code credentials('id')} for Declarative {@code environment}. Every bound value is masked in all output from then on.
 */
public final class CredentialSteps {
    /** A binding as the Jenkinsfile wrote it; resolved only inside {@code withCredentials}. */
    public record Binding(String kind, Map<String, Object> args) {
        String arg(String key, StepCall call) {
            Object v = args.get(key);
            if (v == null) {
                throw new StepException(kind + " needs its '" + key + "' argument" + call.at());
            }
            return v.toString();
        }
    }

    /**
     * What {@code credentials('id')} binds, by variable suffix ({@code ""} for NAME itself, {@code _USR}, {@code
     * _PSW}); closing it deletes the private directory of the file it wrote (a key, a secret file), if it wrote one.
     * Declarative closes it when the {@code environment} block it is bound for ends.
     */
    public static final class Bound extends LinkedHashMap<String, String> implements AutoCloseable {
        private static final long serialVersionUID = 1L;
        private transient Path directory;

        @Override
        public void close() throws IOException {
            if (directory != null) {
                FileTrees.delete(directory);
                directory = null;
            }
        }
    }

    private CredentialSteps() {}

    public static void register(PipelineRuntime runtime, CredentialStore store, SecretMasker masker) {
        for (String kind :
                List.of("usernamePassword", "string", "file", "sshUserPrivateKey", "usernameColonPassword")) {
            runtime.register(kind, (call, rt) -> new Binding(kind, call.named()));
        }
        runtime.register("withCredentials", (call, rt) -> {
            Object bindings = call.arg("bindings").orElse(List.of());
            Map<String, String> env = new LinkedHashMap<>();
            Path files = Files.createTempDirectory(rt.temporaryDirectory(), "orchestra-credentials");
            try {
                List<String> masked = new ArrayList<>();
                for (Object b : bindings instanceof List<?> l ? l : List.of(bindings)) {
                    if (!(b instanceof Binding binding)) {
                        throw new StepException("withCredentials takes bindings such as string(credentialsId: 'x',"
                                + " variable: 'Y'), was " + b + call.at());
                    }
                    bind(binding, call, store, masker, files, env, masked);
                }
                rt.console().pipeline(rt.context(), "withCredentials");
                rt.log("Masking supported pattern matches of " + String.join(" or ", masked));
                return rt.run(rt.context().withEnv(env), call.requiredBody());
            } finally {
                FileTrees.delete(files);
            }
        });
        runtime.register("credentials", (call, rt) -> {
            String id = call.requiredString("id");
            Credential c = store.get(id);
            masker.addAll(c.secrets());
            Bound vars = new Bound();
            if (c instanceof UsernamePasswordCredential up) {
                vars.put("", up.username() + ":" + up.password().reveal());
                vars.put("_USR", up.username());
                vars.put("_PSW", up.password().reveal());
            } else if (c instanceof StringCredential s) {
                vars.put("", s.secret().reveal());
            } else if (c instanceof FileCredential f) {
                vars.directory = Files.createTempDirectory(rt.temporaryDirectory(), "orchestra-credentials");
                vars.put("", write(vars.directory, f.fileName(), f.content()));
            } else if (c instanceof SshUserPrivateKeyCredential k) {
                vars.directory = Files.createTempDirectory(rt.temporaryDirectory(), "orchestra-credentials");
                vars.put(
                        "", write(vars.directory, "key", k.privateKey().reveal().getBytes(StandardCharsets.UTF_8)));
                vars.put("_USR", k.username());
                k.passphrase().ifPresent(p -> vars.put("_PSW", p.reveal()));
            }
            return vars;
        });
    }

    private static void bind(
            Binding binding,
            StepCall call,
            CredentialStore store,
            SecretMasker masker,
            Path files,
            Map<String, String> env,
            List<String> masked)
            throws IOException {
        String id = binding.arg("credentialsId", call);
        switch (binding.kind()) {
            case "usernamePassword" -> {
                UsernamePasswordCredential c = store.get(id, UsernamePasswordCredential.class);
                masker.addAll(c.secrets());
                String user = (String) binding.args().get("usernameVariable");
                String pass = binding.arg("passwordVariable", call);
                if (user != null) {
                    env.put(user, c.username());
                }
                env.put(pass, c.password().reveal());
                masked.add("$" + pass);
            }
            case "usernameColonPassword" -> {
                UsernamePasswordCredential c = store.get(id, UsernamePasswordCredential.class);
                masker.addAll(c.secrets());
                String variable = binding.arg("variable", call);
                env.put(variable, c.username() + ":" + c.password().reveal());
                masker.add(io.jenkins.plugins.orchestra.host.Secret.of(env.get(variable)));
                masked.add("$" + variable);
            }
            case "string" -> {
                StringCredential c = store.get(id, StringCredential.class);
                masker.addAll(c.secrets());
                String variable = binding.arg("variable", call);
                env.put(variable, c.secret().reveal());
                masked.add("$" + variable);
            }
            case "file" -> {
                FileCredential c = store.get(id, FileCredential.class);
                masker.addAll(c.secrets());
                String variable = binding.arg("variable", call);
                env.put(variable, write(files, c.fileName(), c.content()));
            }
            default -> {
                SshUserPrivateKeyCredential c = store.get(id, SshUserPrivateKeyCredential.class);
                masker.addAll(c.secrets());
                env.put(
                        binding.arg("keyFileVariable", call),
                        write(files, "ssh-key", c.privateKey().reveal().getBytes(StandardCharsets.UTF_8)));
                Object user = binding.args().get("usernameVariable");
                if (user != null) {
                    env.put(user.toString(), c.username());
                }
                Object passphrase = binding.args().get("passphraseVariable");
                if (passphrase != null && c.passphrase().isPresent()) {
                    env.put(passphrase.toString(), c.passphrase().get().reveal());
                    masked.add("$" + passphrase);
                }
            }
        }
    }

    /** A private file (mode 600) holding a secret, as Jenkins writes secret files. */
    private static String write(Path dir, String name, byte[] content) throws IOException {
        Path file = dir.resolve(Path.of(name).getFileName().toString());
        Files.write(file, content);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
        file.toFile().deleteOnExit();
        return file.toString();
    }
}
