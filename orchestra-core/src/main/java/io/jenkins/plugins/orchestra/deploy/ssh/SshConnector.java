package io.jenkins.plugins.orchestra.deploy.ssh;

import io.jenkins.plugins.orchestra.deploy.HostConnection;
import io.jenkins.plugins.orchestra.deploy.HostConnector;
import io.jenkins.plugins.orchestra.deploy.HostException;
import io.jenkins.plugins.orchestra.host.StepHost;
import io.jenkins.plugins.orchestra.internal.Durations;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.forward.ExplicitPortForwardingTracker;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.future.CancelOption;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.mac.BuiltinMacs;
import org.apache.sshd.common.mac.Mac;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * The {@code ssh} target's way to its hosts, over Apache MINA SSHD: one SSH client per connector, one authenticated
 * session per host, opened on the first {@link #connect} and reused by every command and upload until {@link #close()}
 * (a session that broke is opened again on the next call). Sessions to different hosts open in parallel.
 *
 * <p>Host keys are checked against the {@code known_hosts} file of the settings, with trust on first use only when
 * asked for; logins use the target's credentials (keys or password), whose secrets are handed to the host's masker. A
 * jump host, if set, carries every session through one session of its own.
 *
 * <pre>
 * try (SshConnector ssh = SshConnector.create(settings, stepHost)) {
 *     HostConnection web1 = ssh.connect("web1");
 *     web1.upload(artifact, "/srv/app/releases/42.tar.gz");
 *     web1.execChecked("unpack", "tar -xzf …", Duration.ofMinutes(1));
 * }
 * </pre>
 */
public final class SshConnector implements HostConnector {
    private static final System.Logger LOG = System.getLogger(SshConnector.class.getName());

    /**
     * Fastest first among ciphers that are still secure: AES-GCM runs on the CPU's AES instructions in the JDK and
     * needs no separate MAC; chacha20-poly1305 (pure Java here) and the CTR modes are for servers without GCM.
     */
    private static final List<NamedFactory<Cipher>> CIPHERS = List.of(
            BuiltinCiphers.aes128gcm,
            BuiltinCiphers.aes256gcm,
            BuiltinCiphers.cc20p1305_openssh,
            BuiltinCiphers.aes128ctr,
            BuiltinCiphers.aes192ctr,
            BuiltinCiphers.aes256ctr);

    /** Encrypt-then-MAC first; used only with the CTR ciphers. */
    private static final List<NamedFactory<Mac>> MACS = List.of(
            BuiltinMacs.hmacsha256etm, BuiltinMacs.hmacsha512etm, BuiltinMacs.hmacsha256, BuiltinMacs.hmacsha512);

    private final SshSettings settings;
    private final StepHost host;
    private final KnownHosts knownHosts;
    private final Login login;
    private final Optional<Login> jumpLogin;
    private final SshClient client;
    private final ConcurrentMap<String, Slot> slots = new ConcurrentHashMap<>();
    private final Object jumpLock = new Object();
    private ClientSession jumpSession;
    private volatile boolean closed;

    private SshConnector(SshSettings settings, StepHost host, Login login, Optional<Login> jumpLogin) {
        this.settings = settings;
        this.host = host;
        this.login = login;
        this.jumpLogin = jumpLogin;
        Path file = settings.knownHosts().isAbsolute()
                ? settings.knownHosts()
                : host.workspace().resolve(settings.knownHosts());
        this.knownHosts = new KnownHosts(file, settings.trustOnFirstUse(), host.listener());
        this.client = newClient();
    }

    /**
     * A connector for the hosts of these settings. Reads the credentials (and hands their secrets to the host's
     * masker) and starts the SSH client; connects to nothing yet.
     *
     * @throws SshSettingsException if the credentials are not usable for SSH (wrong kind, unreadable key)
     * @throws io.jenkins.plugins.orchestra.host.CredentialsException if there are no such credentials
     */
    public static SshConnector create(SshSettings settings, StepHost host) {
        String at = "targets." + settings.target() + ".";
        Login login = Login.of(host, settings.credentialsId(), settings.user(), at + "credentialsId");
        Optional<Login> jumpLogin = settings.jumpHost().map(jump -> {
            if (jump.user().isEmpty() && settings.jumpCredentialsId().isEmpty()) {
                return login;
            }
            Optional<String> user = jump.user().isPresent()
                    ? jump.user()
                    : settings.jumpCredentialsId().isPresent() ? Optional.empty() : Optional.of(login.user());
            return Login.of(
                    host,
                    settings.jumpCredentialsId().or(settings::credentialsId),
                    user,
                    at + (settings.jumpCredentialsId().isPresent() ? "jumpCredentialsId" : "credentialsId"));
        });
        return new SshConnector(settings, host, login, jumpLogin);
    }

    /** The settings this connector was made with. */
    public SshSettings settings() {
        return settings;
    }

    @Override
    public HostConnection connect(String name) throws InterruptedException {
        requireOpen();
        SshAddress address = settings.address(name);
        Slot slot = slots.computeIfAbsent(name, n -> new Slot(n, address));
        slot.session();
        return new SshHostConnection(this, slot);
    }

    /** Closes every session it opened and stops its SSH client; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // Stopping the client first ends every session at once, so connects under way fail now instead of holding
        // their host's lock until they time out.
        try {
            client.stop();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "stopping the SSH client", e);
        }
        for (Slot slot : slots.values()) {
            slot.discard();
        }
        synchronized (jumpLock) {
            closeQuietly(jumpSession);
            jumpSession = null;
        }
    }

    StepHost host() {
        return host;
    }

    void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this SSH connector is closed");
        }
    }

    private SshClient newClient() {
        SshClient c = SshClient.setUpDefaultClient();
        c.setServerKeyVerifier(knownHosts);
        // Only what the target says: not ~/.ssh/config, not an agent, not the keys that ssh would find by itself.
        c.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        c.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        c.setAgentFactory(null);
        c.setCipherFactories(new ArrayList<>(CIPHERS));
        c.setMacFactories(new ArrayList<>(MACS));
        // Sessions live as long as the connector, however long a health check keeps them idle; a host that stops
        // answering is noticed within a minute, as ssh -o ServerAliveInterval=15 -o ServerAliveCountMax=4 does.
        CoreModuleProperties.IDLE_TIMEOUT.set(c, Duration.ZERO);
        CoreModuleProperties.HEARTBEAT_INTERVAL.set(c, Duration.ofSeconds(15));
        CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(c, 4);
        c.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                if (session instanceof ClientSession) {
                    preferKnownKeyTypes((ClientSession) session);
                }
            }
        });
        c.start();
        return c;
    }

    /** Asks the host for a key of a type known_hosts has for it, as OpenSSH orders HostKeyAlgorithms. */
    private void preferKnownKeyTypes(ClientSession session) {
        AttributeRepository context = session.getConnectionContext();
        KnownHosts.Target target = context == null ? null : context.getAttribute(KnownHosts.TARGET);
        if (target == null) {
            return;
        }
        Set<String> types = knownHosts.knownKeyTypes(target.address());
        if (types.isEmpty()) {
            return;
        }
        List<NamedFactory<Signature>> first = new ArrayList<>();
        List<NamedFactory<Signature>> rest = new ArrayList<>();
        for (NamedFactory<Signature> factory : session.getSignatureFactories()) {
            (types.contains(keyTypeOf(factory.getName())) ? first : rest).add(factory);
        }
        first.addAll(rest);
        session.setSignatureFactories(first);
    }

    private static String keyTypeOf(String signatureAlgorithm) {
        return signatureAlgorithm.startsWith("rsa-sha2-") ? "ssh-rsa" : signatureAlgorithm;
    }

    /** Opens and authenticates a session to {@code target} at {@code connectTo} (its own address, or a tunnel). */
    private ClientSession establish(
            String name, String subject, KnownHosts.Target target, SshAddress connectTo, Login as)
            throws InterruptedException {
        if (as.keys().isEmpty() && as.password().isEmpty()) {
            throw new HostException(
                    name, HostException.Kind.AUTHENTICATION_FAILED, subject + "nothing to log in with: " + as.what());
        }
        Duration connectTimeout = settings.connectTimeout();
        AtomicReference<String> rejection = new AtomicReference<>();
        AttributeRepository context =
                AttributeRepository.ofAttributesMap(Map.of(KnownHosts.TARGET, target, KnownHosts.REJECTION, rejection));
        ClientSession session = null;
        try {
            ConnectFuture connecting = client.connect(as.user(), connectTo.host(), connectTo.port(), context, null);
            if (!connecting.await(connectTimeout, CancelOption.CANCEL_ON_TIMEOUT, CancelOption.CANCEL_ON_INTERRUPT)) {
                throw new HostException(
                        name,
                        HostException.Kind.UNREACHABLE,
                        subject + "cannot connect to " + target.address() + " within "
                                + Durations.format(connectTimeout));
            }
            if (connecting.getException() != null) {
                throw connecting.getException();
            }
            session = connecting.getSession();
            as.offerTo(session);
            AuthFuture auth = session.auth();
            Duration wait = connectTimeout.plus(settings.authTimeout());
            if (!auth.await(wait, CancelOption.CANCEL_ON_TIMEOUT, CancelOption.CANCEL_ON_INTERRUPT)) {
                throw timedOut(name, subject, target, session);
            }
            if (!auth.isSuccess()) {
                Throwable failure = auth.getException();
                throw failure != null ? failure : new SshException("the login did not succeed");
            }
            return session;
        } catch (InterruptedIOException e) {
            closeQuietly(session);
            throw new InterruptedException("interrupted while connecting to " + name);
        } catch (HostException e) {
            closeQuietly(session);
            throw e;
        } catch (Throwable e) {
            closeQuietly(session);
            if (e instanceof Error && !(e instanceof AssertionError)) {
                throw (Error) e;
            }
            throw connectFailure(name, subject, target, session, rejection.get(), e, as);
        }
    }

    private HostException timedOut(String name, String subject, KnownHosts.Target target, ClientSession session) {
        if (session.getServerKey() == null) {
            return new HostException(
                    name,
                    HostException.Kind.UNREACHABLE,
                    subject + target.address() + " did not finish the SSH handshake within "
                            + Durations.format(settings.connectTimeout()));
        }
        return new HostException(
                name,
                HostException.Kind.UNREACHABLE,
                subject + target.address() + " did not answer the login within "
                        + Durations.format(settings.authTimeout()));
    }

    private HostException connectFailure(
            String name,
            String subject,
            KnownHosts.Target target,
            ClientSession session,
            String rejection,
            Throwable e,
            Login as) {
        if (rejection != null) {
            return new HostException(name, HostException.Kind.HOST_KEY_REJECTED, subject + rejection, e);
        }
        if (e instanceof SshException
                && ((SshException) e).getDisconnectCode()
                        == SshConstants.SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE) {
            return new HostException(
                    name,
                    HostException.Kind.AUTHENTICATION_FAILED,
                    subject + "refused " + as.what() + " for user " + as.user(),
                    e);
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String where = target.address().toString();
        String reason;
        if (root instanceof ConnectException) {
            reason = "cannot connect to " + where + ": connection refused";
        } else if (root instanceof SocketTimeoutException) {
            reason = "cannot connect to " + where + ": timed out";
        } else if (root instanceof UnresolvedAddressException || root instanceof UnknownHostException) {
            reason = "cannot connect to " + where + ": unknown host name '"
                    + target.address().host() + "'";
        } else if (root instanceof NoRouteToHostException) {
            reason = "cannot connect to " + where + ": no route to host";
        } else if (session != null
                && session.getServerKey() == null
                && settings.jumpHost().isPresent()
                && subject.isEmpty()) {
            reason = "cannot reach " + where + " through jump host "
                    + settings.jumpHost().get().address()
                    + ": the connection closed before the SSH handshake (is the host up, and does the jump host"
                    + " allow TCP forwarding?)";
        } else if (session != null && session.getServerKey() == null) {
            reason = where + " closed the connection during the SSH handshake: " + describe(root);
        } else {
            reason = "connection to " + where + " failed: " + describe(root);
        }
        return new HostException(name, HostException.Kind.UNREACHABLE, subject + host.mask(reason), e);
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private ClientSession jumpSession(String name) throws InterruptedException {
        synchronized (jumpLock) {
            requireOpen();
            if (jumpSession != null && jumpSession.isOpen() && jumpSession.isAuthenticated()) {
                return jumpSession;
            }
            closeQuietly(jumpSession);
            jumpSession = null;
            SshSettings.JumpHost jump = settings.jumpHost().orElseThrow();
            KnownHosts.Target target = new KnownHosts.Target(jump.address().toString(), jump.address());
            jumpSession =
                    establish(name, "jump host " + jump.address() + ": ", target, jump.address(), jumpLogin.get());
            return jumpSession;
        }
    }

    static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "closing " + closeable, e);
        }
    }

    /** One host: its session, opened once and again only if it broke. */
    final class Slot {
        final String name;
        final SshAddress address;
        private ClientSession session;
        private ExplicitPortForwardingTracker tunnel;

        Slot(String name, SshAddress address) {
            this.name = name;
            this.address = address;
        }

        synchronized ClientSession session() throws InterruptedException {
            requireOpen();
            if (session != null && session.isOpen() && session.isAuthenticated()) {
                return session;
            }
            discard();
            KnownHosts.Target target = new KnownHosts.Target(name, address);
            SshAddress connectTo = address;
            if (settings.jumpHost().isPresent()) {
                ClientSession jump = jumpSession(name);
                try {
                    tunnel = jump.createLocalPortForwardingTracker(
                            new SshdSocketAddress(SshdSocketAddress.LOCALHOST_IPV4, 0),
                            new SshdSocketAddress(address.host(), address.port()));
                } catch (IOException | RuntimeException e) {
                    throw new HostException(
                            name,
                            HostException.Kind.UNREACHABLE,
                            "cannot open a tunnel to " + address + " through jump host "
                                    + settings.jumpHost().get().address() + ": " + describe(e),
                            e);
                }
                SshdSocketAddress bound = tunnel.getBoundAddress();
                connectTo = new SshAddress(bound.getHostName(), bound.getPort());
            }
            try {
                session = establish(name, "", target, connectTo, login);
            } catch (InterruptedException | RuntimeException e) {
                discard();
                throw e;
            }
            return session;
        }

        /** Forgets the session after a failure, so the next call opens a new one. */
        synchronized void discard() {
            closeQuietly(session);
            session = null;
            closeQuietly(tunnel);
            tunnel = null;
        }
    }
}
