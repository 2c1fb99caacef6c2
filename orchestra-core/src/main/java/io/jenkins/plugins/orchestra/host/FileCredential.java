package io.jenkins.plugins.orchestra.host;

import java.util.List;
import java.util.Objects;

/**
 * A secret file: a kubeconfig, a keystore. Its content may be binary, so it is bytes rather than a {@link Secret}, and
 * it is not masked, as Jenkins does not mask secret files either; a host writes it to a file only the run's user can
 * read and hands out the path.
 */
public final class FileCredential implements Credential {
    private final String id;
    private final String fileName;
    private final byte[] content;

    /**
     * @param fileName the name the file is written under, without a directory
     * @param content the bytes of the file, copied
     */
    public FileCredential(String id, String fileName, byte[] content) {
        this.id = Credential.requireId(id);
        if (fileName == null
                || fileName.isBlank()
                || fileName.equals(".")
                || fileName.equals("..")
                || fileName.contains("/")
                || fileName.contains("\\")) {
            throw new IllegalArgumentException("fileName must be a file name without a directory, was "
                    + (fileName == null ? null : "'" + fileName + "'"));
        }
        this.fileName = fileName;
        this.content = Objects.requireNonNull(content, "content").clone();
    }

    @Override
    public String id() {
        return id;
    }

    public String fileName() {
        return fileName;
    }

    /** A copy of the bytes of the file. */
    public byte[] content() {
        return content.clone();
    }

    @Override
    public CredentialType type() {
        return CredentialType.FILE;
    }

    @Override
    public List<Secret> secrets() {
        return List.of();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileCredential other
                && id.equals(other.id)
                && fileName.equals(other.fileName)
                && java.security.MessageDigest.isEqual(content, other.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, fileName, content.length);
    }

    @Override
    public String toString() {
        return "FileCredential[id=" + id + ", fileName=" + fileName + ", content=****]";
    }
}
