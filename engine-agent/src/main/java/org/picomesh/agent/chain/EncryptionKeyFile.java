package org.picomesh.agent.chain;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * The agent's X25519 key pair, whose public half an engine advertises (picos' snapshots are encrypted to it), kept
 * in a file of its own next to the keystore: the private key (PKCS#8) under AES-256-GCM with a key derived from the
 * keystore's password by scrypt, the public key in the clear (and bound to the ciphertext).
 */
public final class EncryptionKeyFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();
    /** What an X.509 encoding of an X25519 public key puts before the key's 32 bytes (RFC 8410). */
    private static final byte[] X509_PREFIX = HEX.parseHex("302a300506032b656e032100");
    private static final String TYPE = "picomesh-x25519-v1";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The file's JSON: everything in hex. */
    record Stored(String type, String publicKey, int n, int r, int p, String salt, String iv, String ciphertext) {}

    private EncryptionKeyFile() {}

    /** Where the encryption key of a keystore lives: {@code agent.json} -> {@code agent.x25519.json}. */
    public static Path besideKeystore(Path keystore) {
        String name = keystore.getFileName().toString();
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return keystore.resolveSibling(stem + ".x25519.json");
    }

    /** Makes a new key pair, writes it (mode 600, never over a file) and returns its public key, 0x and 64 hex. */
    public static String create(Path file, String password, boolean lightKdf) {
        SecretFiles.requireAbsent(file);
        try {
            KeyPair pair = KeyPairGenerator.getInstance("X25519").generateKeyPair();
            byte[] publicKey = raw(pair.getPublic());
            int n = lightKdf ? 1 << 12 : 1 << 18;
            int p = lightKdf ? 6 : 1;
            byte[] salt = random(32);
            byte[] iv = random(12);
            byte[] plain = pair.getPrivate().getEncoded();
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, password, salt, n, 8, p, iv, publicKey).doFinal(plain);
            Arrays.fill(plain, (byte) 0);
            Stored stored = new Stored(TYPE, HEX.formatHex(publicKey), n, 8, p, HEX.formatHex(salt), HEX.formatHex(iv),
                    HEX.formatHex(sealed));
            SecretFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(stored));
            return "0x" + HEX.formatHex(publicKey);
        } catch (GeneralSecurityException | IOException e) {
            throw new AgentException("cannot create the encryption key: " + e.getMessage());
        }
    }

    /** Reads and decrypts the key pair; a wrong password is an {@link AgentException} that says so. */
    public static KeyPair load(Path file, String password) {
        Stored stored;
        try {
            stored = JSON.readValue(file.toFile(), Stored.class);
        } catch (IOException e) {
            throw new AgentException("not an encryption key file: " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        if (!TYPE.equals(stored.type())) {
            throw new AgentException("not an encryption key file: " + file);
        }
        byte[] publicKey = HEX.parseHex(stored.publicKey());
        try {
            byte[] plain = cipher(Cipher.DECRYPT_MODE, password, HEX.parseHex(stored.salt()), stored.n(), stored.r(),
                    stored.p(), HEX.parseHex(stored.iv()), publicKey).doFinal(HEX.parseHex(stored.ciphertext()));
            KeyFactory keys = KeyFactory.getInstance("X25519");
            return new KeyPair(keys.generatePublic(new X509EncodedKeySpec(concat(X509_PREFIX, publicKey))),
                    keys.generatePrivate(new PKCS8EncodedKeySpec(plain)));
        } catch (AEADBadTagException e) {
            throw new AgentException("wrong password for the encryption key " + file);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new AgentException("unreadable encryption key " + file + ": " + e.getMessage());
        }
    }

    /** The 32 bytes of an X25519 public key, as adverts carry them. */
    public static byte[] raw(PublicKey key) {
        byte[] encoded = key.getEncoded();
        return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }

    private static Cipher cipher(int mode, String password, byte[] salt, int n, int r, int p, byte[] iv, byte[] aad)
            throws GeneralSecurityException {
        byte[] key = SCrypt.generate(password.getBytes(StandardCharsets.UTF_8), salt, n, r, p, 32);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        Arrays.fill(key, (byte) 0);
        cipher.updateAAD(concat(TYPE.getBytes(StandardCharsets.US_ASCII), aad));
        return cipher;
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
