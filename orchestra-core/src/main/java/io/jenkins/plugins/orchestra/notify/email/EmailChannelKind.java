package io.jenkins.plugins.orchestra.notify.email;

import io.jenkins.plugins.orchestra.host.StepHost;
import io.jenkins.plugins.orchestra.host.UsernamePasswordCredential;
import io.jenkins.plugins.orchestra.notify.Channel;
import io.jenkins.plugins.orchestra.notify.ChannelKind;
import io.jenkins.plugins.orchestra.notify.ChannelSettings;
import io.jenkins.plugins.orchestra.notify.Format;
import io.jenkins.plugins.orchestra.notify.Message;
import io.jenkins.plugins.orchestra.notify.RunLogs.LogExcerpt;
import io.jenkins.plugins.orchestra.notify.SendContext;
import io.jenkins.plugins.orchestra.notify.SendException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Email over SMTP with Jakarta Mail (Eclipse Angus): the title as the subject, the body as text and HTML
 * ({@code multipart/alternative}), and on request the failing stage's log (else the run's) attached, cut to {@code
 * attachLogMaxBytes}.
 *
 * <p>{@code security}: {@code starttls} (the default: the server must offer STARTTLS, or nothing is sent, least of all
 * a password), {@code ssl} (TLS from the start, SMTPS) or {@code none}. Server certificates are checked against the
 * JDK's trust store and the host name; {@code sslTrust} names hosts whose certificates are trusted as they are, for
 * a test server with a self-signed certificate. {@code credentialsId} names a user name and password credential, for
 * SMTP AUTH.
 */
public final class EmailChannelKind implements ChannelKind {
    public static final int DEFAULT_ATTACH_MAX_BYTES = 100 * 1024;

    @Override
    public String name() {
        return "email";
    }

    @Override
    public Set<String> settings() {
        return Set.of(
                "host",
                "port",
                "security",
                "credentialsId",
                "from",
                "to",
                "cc",
                "bcc",
                "replyTo",
                "attachLog",
                "attachLogMaxBytes",
                "sslTrust");
    }

    /** What an email channel was configured with; the password stays with the credentials. */
    record Settings(
            String host,
            int port,
            String security,
            Optional<UsernamePasswordCredential> login,
            InternetAddress from,
            List<InternetAddress> to,
            List<InternetAddress> cc,
            List<InternetAddress> bcc,
            List<InternetAddress> replyTo,
            boolean attachLog,
            int attachLogMaxBytes,
            Optional<String> sslTrust) {}

    @Override
    public Channel open(ChannelSettings settings, StepHost host) {
        String security = settings.string("security").orElse("starttls").toLowerCase(Locale.ROOT);
        int defaultPort =
                switch (security) {
                    case "starttls" -> 587;
                    case "ssl" -> 465;
                    case "none" -> 25;
                    default -> throw settings.invalid("security must be starttls, ssl or none, was '" + security + "'");
                };
        List<InternetAddress> to = addresses(settings, "to");
        List<InternetAddress> cc = addresses(settings, "cc");
        List<InternetAddress> bcc = addresses(settings, "bcc");
        if (to.isEmpty() && cc.isEmpty() && bcc.isEmpty()) {
            throw settings.invalid("to is required: one address or more");
        }
        List<InternetAddress> from = addresses(settings, "from");
        if (from.size() != 1) {
            throw settings.invalid("from must be one address, was " + from.size());
        }
        Settings s = new Settings(
                settings.requiredString("host"),
                settings.integer("port", defaultPort, 1, 65535),
                security,
                settings.has("credentialsId")
                        ? Optional.of(settings.credential("credentialsId", UsernamePasswordCredential.class, host))
                        : Optional.empty(),
                from.get(0),
                to,
                cc,
                bcc,
                addresses(settings, "replyTo"),
                settings.bool("attachLog", false),
                settings.integer("attachLogMaxBytes", DEFAULT_ATTACH_MAX_BYTES, 1024, 25 * 1024 * 1024),
                settings.string("sslTrust"));
        return (message, context) -> send(s, message, context);
    }

    private static List<InternetAddress> addresses(ChannelSettings settings, String key) {
        List<InternetAddress> all = new ArrayList<>();
        for (String item : settings.list(key)) {
            try {
                for (InternetAddress a : InternetAddress.parse(item, true)) {
                    a.validate();
                    all.add(a);
                }
            } catch (AddressException e) {
                throw settings.invalid(key + ": '" + item + "' is not an email address (" + e.getMessage() + ")");
            }
        }
        return all;
    }

    private static Channel.Delivery send(Settings s, Message message, SendContext context) throws InterruptedException {
        Session session = Session.getInstance(properties(s, context.timeout()));
        try {
            MimeMessage mail = mail(session, s, message);
            Transport transport = session.getTransport("smtp");
            try {
                if (s.login().isPresent()) {
                    transport.connect(
                            s.host(),
                            s.port(),
                            s.login().get().username(),
                            s.login().get().password().reveal());
                } else {
                    transport.connect(s.host(), s.port(), null, null);
                }
                transport.sendMessage(mail, mail.getAllRecipients());
            } finally {
                transport.close();
            }
            int recipients = s.to().size() + s.cc().size() + s.bcc().size();
            return new Channel.Delivery(recipients + (recipients == 1 ? " recipient" : " recipients") + " via "
                    + s.host() + ":" + s.port());
        } catch (MessagingException e) {
            throw failure(e);
        }
    }

    static Properties properties(Settings s, Duration timeout) {
        Properties p = new Properties();
        String millis = Long.toString(timeout.toMillis());
        p.put("mail.smtp.host", s.host());
        p.put("mail.smtp.port", Integer.toString(s.port()));
        p.put("mail.smtp.connectiontimeout", millis);
        p.put("mail.smtp.timeout", millis);
        p.put("mail.smtp.writetimeout", millis);
        p.put("mail.smtp.auth", Boolean.toString(s.login().isPresent()));
        p.put("mail.smtp.from", s.from().getAddress());
        switch (s.security()) {
            case "starttls" -> {
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.starttls.required", "true");
            }
            case "ssl" -> p.put("mail.smtp.ssl.enable", "true");
            default -> {}
        }
        if (s.sslTrust().isPresent()) {
            p.put("mail.smtp.ssl.trust", s.sslTrust().get());
            p.put("mail.smtp.ssl.checkserveridentity", "false");
        } else {
            p.put("mail.smtp.ssl.checkserveridentity", "true");
        }
        return p;
    }

    private static MimeMessage mail(Session session, Settings s, Message message) throws MessagingException {
        MimeMessage mail = new MimeMessage(session);
        mail.setFrom(s.from());
        mail.setRecipients(jakarta.mail.Message.RecipientType.TO, s.to().toArray(InternetAddress[]::new));
        if (!s.cc().isEmpty()) {
            mail.setRecipients(jakarta.mail.Message.RecipientType.CC, s.cc().toArray(InternetAddress[]::new));
        }
        if (!s.bcc().isEmpty()) {
            mail.setRecipients(jakarta.mail.Message.RecipientType.BCC, s.bcc().toArray(InternetAddress[]::new));
        }
        if (!s.replyTo().isEmpty()) {
            mail.setReplyTo(s.replyTo().toArray(InternetAddress[]::new));
        }
        String title = message.title(Format.TEXT);
        mail.setSubject(title.isEmpty() ? String.valueOf(message.variables().get("runId")) : title, "UTF-8");
        mail.setSentDate(new Date());
        mail.setHeader("X-Orchestra-Event", message.event());

        MimeBodyPart text = new MimeBodyPart();
        String textBody = message.body(Format.TEXT);
        text.setText(title.isEmpty() ? textBody : title + "\n\n" + textBody, "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        String htmlTitle = message.title(Format.HTML);
        html.setText(
                "<!DOCTYPE html><html><body>" + (htmlTitle.isEmpty() ? "" : "<h2>" + htmlTitle + "</h2>\n")
                        + message.body(Format.HTML) + "</body></html>",
                "UTF-8",
                "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);

        Optional<LogExcerpt> log = s.attachLog() ? message.logExcerpt(s.attachLogMaxBytes()) : Optional.empty();
        if (log.isEmpty()) {
            mail.setContent(alternative);
        } else {
            MimeBodyPart body = new MimeBodyPart();
            body.setContent(alternative);
            MimeBodyPart attachment = new MimeBodyPart();
            String content = log.get().truncated()
                    ? "[… the log's last " + log.get().text().getBytes(StandardCharsets.UTF_8).length + " bytes]\n"
                            + log.get().text()
                    : log.get().text();
            attachment.setText(content, "UTF-8", "plain");
            attachment.setFileName(log.get().name());
            attachment.setDisposition(jakarta.mail.Part.ATTACHMENT);
            Multipart mixed = new MimeMultipart("mixed");
            mixed.addBodyPart(body);
            mixed.addBodyPart(attachment);
            mail.setContent(mixed);
        }
        mail.saveChanges();
        return mail;
    }

    /** What a Jakarta Mail failure means for another attempt; the message never has the password. */
    static SendException failure(MessagingException e) {
        if (e instanceof AuthenticationFailedException) {
            return SendException.permanent("the SMTP server refused the login" + reply(e));
        }
        if (e instanceof SendFailedException sfe
                && sfe.getInvalidAddresses() != null
                && sfe.getInvalidAddresses().length > 0) {
            return SendException.permanent(
                    "the SMTP server refused the recipients " + List.of(sfe.getInvalidAddresses()) + reply(e));
        }
        Integer code = smtpCode(e);
        if (code != null) {
            String why = "the SMTP server answered " + code + reply(e);
            return code >= 400 && code < 500 ? SendException.retryable(why) : SendException.permanent(why);
        }
        Throwable cause = e.getCause();
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException || t instanceof InterruptedIOException) {
                return SendException.retryable("the SMTP server did not answer in time");
            }
            if (t instanceof ConnectException) {
                return SendException.retryable("could not connect to the SMTP server: " + t.getMessage());
            }
            if (t instanceof javax.net.ssl.SSLException) {
                return SendException.permanent("TLS with the SMTP server failed: " + t.getMessage());
            }
            if (t instanceof IOException) {
                return SendException.retryable("could not talk to the SMTP server: " + t.getMessage());
            }
        }
        return SendException.permanent("could not send the email: " + e.getMessage());
    }

    private static Integer smtpCode(MessagingException e) {
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            if (x instanceof org.eclipse.angus.mail.smtp.SMTPSendFailedException f) {
                return f.getReturnCode();
            }
            if (x instanceof org.eclipse.angus.mail.smtp.SMTPAddressFailedException f) {
                return f.getReturnCode();
            }
        }
        return null;
    }

    private static String reply(MessagingException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? "" : ": " + m.strip().replaceAll("\\s+", " ");
    }
}
