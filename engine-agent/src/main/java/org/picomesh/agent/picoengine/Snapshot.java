package org.picomesh.agent.picoengine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A pico's snapshot as a pico engine produced it: UTF-8 JSON, held in memory once (never on disk, never logged: it
 * holds the channels' private keys). Its shape, version 1:
 * <pre>{@code
 * {
 *   "picomesh": 1,
 *   "installed": { "<adminEci>": ["<rid>", ...], ... },   // rulesets installed per pico of the tree, as the engine
 *                                                        // knows them (0.48.1's export loses children's shared ones)
 *   "schedules": [ {"id": "...", "at": "<ISO instant>" | "timespec": "<cron>",
 *                   "event": {"eci", "eid", "domain", "type", "attrs"}}, ... ],  // the tree's scheduled events,
 *                                                        // each naming the ECI it fires on
 *   "export": { "version", "policies", "rulesets": {rid: {src, hash, ...}},      // engine:exportPico, untouched
 *               "pico": {id, parent_id, admin_eci, channels{eci: {...keys}}, rulesets[], entvars{rid: {name: value}},
 *                        state_machine, children[...]} }
 * }
 * }</pre>
 * Picos are named by their admin ECI across engines: their ids change with an import, their ECIs do not.
 */
public final class Snapshot {
    /** The version of the shape above. */
    public static final int FORMAT = 1;

    private final byte[] json;

    private Snapshot(byte[] json) {
        this.json = json;
    }

    /** A snapshot over these bytes, which it now owns (they are not copied: the caller must not change them). */
    public static Snapshot wrap(byte[] json) {
        return new Snapshot(json);
    }

    /** The snapshot's bytes, to encrypt or hash them without a copy. */
    public InputStream open() {
        return new ByteArrayInputStream(json);
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(json);
    }

    public int size() {
        return json.length;
    }

    /** Overwrites the bytes, once the snapshot is encrypted or imported: the keys it held stay in no heap dump. */
    public void erase() {
        Arrays.fill(json, (byte) 0);
    }

    @Override
    public String toString() {
        return "Snapshot[" + json.length + " bytes]";
    }
}
