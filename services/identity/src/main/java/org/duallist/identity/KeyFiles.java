package org.duallist.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The RSA key pair that signs local tokens, as PEM files: {@code private-key.pem} (PKCS#8, readable
 * by the owner only) and {@code public-key.pem} (X.509, what the services verify with).
 */
public final class KeyFiles {

    public static final String PRIVATE_KEY_FILE = "private-key.pem";
    public static final String PUBLIC_KEY_FILE = "public-key.pem";

    private KeyFiles() {
    }

    /** Reads the pair in {@code directory}, creating it first when it is not there. */
    public static KeyPair loadOrCreate(Path directory) throws IOException {
        Path privateFile = directory.resolve(PRIVATE_KEY_FILE);
        Path publicFile = directory.resolve(PUBLIC_KEY_FILE);
        if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
            Files.createDirectories(directory);
            KeyPair pair = generate();
            write(privateFile, "PRIVATE KEY", pair.getPrivate().getEncoded());
            Files.setPosixFilePermissions(privateFile, PosixFilePermissions.fromString("rw-------"));
            write(publicFile, "PUBLIC KEY", pair.getPublic().getEncoded());
            return pair;
        }
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(read(privateFile)));
            PublicKey publicKey = rsa.generatePublic(new X509EncodedKeySpec(read(publicFile)));
            return new KeyPair(publicKey, privateKey);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the key pair in " + directory, e);
        }
    }

    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }

    public static String publicKeyPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    private static void write(Path file, String type, byte[] der) throws IOException {
        Files.writeString(file, pem(type, der), StandardCharsets.US_ASCII);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] read(Path file) throws IOException {
        String body = Files.readString(file, StandardCharsets.US_ASCII)
                .replaceAll("-----(BEGIN|END) [A-Z ]+-----", "")
                .replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
