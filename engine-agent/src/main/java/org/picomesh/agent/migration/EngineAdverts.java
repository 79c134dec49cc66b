package org.picomesh.agent.migration;

import java.net.URI;
import java.util.HexFormat;
import org.picomesh.agent.advert.AdvertBook;
import org.springframework.stereotype.Component;

/**
 * Every engine's advert in force, as the agent followed it ({@link AdvertBook}): a move's snapshot is sealed to the
 * target's advertised key and fetched from the source's advertised endpoint, never from a URL someone sent. The
 * strings are hostile: an endpoint is used only when it is an absolute http(s) URL, a key only when it is 32 bytes of
 * hex.
 */
@Component
class EngineAdverts {
    private final AdvertBook adverts;

    EngineAdverts(AdvertBook adverts) {
        this.adverts = adverts;
    }

    /** An engine's advertised agent endpoint and snapshot key. */
    record Advert(URI endpoint, byte[] encryptionKey) {}

    /** The engine's advert in force, as far as the agent has followed the chain. */
    Advert of(long engineId) throws MoveFailure {
        AdvertBook.Advertised advert = adverts.advertised(engineId)
                .orElseThrow(() -> new MoveFailure.Transient("no advert of engine " + engineId + " followed yet"));
        return new Advert(endpoint(engineId, advert.endpoint()), key(engineId, advert.encryptionKey()));
    }

    static URI endpoint(long engineId, String text) throws MoveFailure {
        try {
            URI uri = URI.create(text);
            if (uri.isAbsolute() && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // said below
        }
        throw new MoveFailure.Fatal("engine " + engineId + " advertises no usable endpoint");
    }

    static byte[] key(long engineId, String hex) throws MoveFailure {
        String digits = hex.startsWith("0x") ? hex.substring(2) : hex;
        if (digits.length() == 64 && digits.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return HexFormat.of().parseHex(digits);
        }
        throw new MoveFailure.Fatal("engine " + engineId + " advertises no X25519 key");
    }
}
