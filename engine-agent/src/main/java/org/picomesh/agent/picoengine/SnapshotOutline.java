package org.picomesh.agent.picoengine;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A snapshot's structure, read in one streaming pass: the picos with their ECIs and rulesets, a digest of each entvar
 * ({@link EntvarDigest}, never the values: a 10 MB state is read one value at a time and dropped), the installed
 * rulesets and the scheduled events, and the ids of the rulesets whose source the export carries (the import registers
 * each one the engine has not enabled). Everything the import, its repair and the check need, without a second copy of
 * the state in memory.
 */
record SnapshotOutline(String engineVersion, PicoOutline root, Map<String, List<String>> installed,
        List<JsonNode> schedules, List<String> carriedRulesets) {

    SnapshotOutline(String engineVersion, PicoOutline root, Map<String, List<String>> installed,
            List<JsonNode> schedules) {
        this(engineVersion, root, installed, schedules, List.of());
    }

    /**
     * One pico of the tree.
     *
     * @param id its id on the engine that exported it
     * @param entvars {@code rid/name} to the digest of the value
     * @param stateRids rulesets named by its entvars or state machine
     */
    record PicoOutline(String id, String adminEci, TreeSet<String> ecis, List<String> rulesets,
            TreeMap<String, String> entvars, TreeSet<String> stateRids, List<PicoOutline> children) {

        /** The pico and its descendants, each before its children. */
        List<PicoOutline> tree() {
            List<PicoOutline> all = new ArrayList<>(List.of(this));
            children.forEach(c -> all.addAll(c.tree()));
            return all;
        }
    }

    /** The rulesets the pico had: as recorded at export, else what the export itself shows (see RulesetRepair). */
    List<String> expectedRulesets(PicoOutline pico) {
        List<String> recorded = installed.get(pico.adminEci());
        if (recorded != null) {
            return recorded;
        }
        TreeSet<String> shown = new TreeSet<>(pico.rulesets());
        shown.addAll(pico.stateRids());
        return List.copyOf(shown);
    }

    SnapshotOutline withSchedules(List<JsonNode> only) {
        return new SnapshotOutline(engineVersion, root, installed, List.copyOf(only), carriedRulesets);
    }

    static SnapshotOutline read(Snapshot snapshot) {
        try (InputStream in = snapshot.open(); JsonParser p = EngineHttp.JSON.getFactory().createParser(in)) {
            return new Reader(p).document();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a picomesh snapshot: " + e.getClass().getSimpleName(), e);
        }
    }

    private record Reader(JsonParser p) {

        SnapshotOutline document() throws IOException {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            int format = 0;
            String version = null;
            PicoOutline root = null;
            Map<String, List<String>> installed = new LinkedHashMap<>();
            List<JsonNode> schedules = new ArrayList<>();
            List<String> carried = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "picomesh" -> format = p.getIntValue();
                    case "installed" -> p.<JsonNode>readValueAsTree().fields().forEachRemaining(e -> installed.put(
                            e.getKey(), texts(e.getValue())));
                    case "schedules" -> p.<JsonNode>readValueAsTree().forEach(schedules::add);
                    case "export" -> {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String name = p.currentName();
                            p.nextToken();
                            if (name.equals("version")) {
                                version = p.getText();
                            } else if (name.equals("pico") && p.currentToken() == JsonToken.START_OBJECT) {
                                root = pico();
                            } else if (name.equals("rulesets") && p.currentToken() == JsonToken.START_OBJECT) {
                                p.<JsonNode>readValueAsTree().fieldNames().forEachRemaining(carried::add);
                            } else {
                                p.skipChildren();
                            }
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (format != Snapshot.FORMAT || root == null) {
                throw new IOException("format " + format + (root == null ? ", no pico" : ""));
            }
            return new SnapshotOutline(version, root, installed, schedules, List.copyOf(carried));
        }

        private PicoOutline pico() throws IOException {
            String id = "";
            String admin = "";
            TreeSet<String> ecis = new TreeSet<>();
            List<String> rulesets = new ArrayList<>();
            TreeMap<String, String> entvars = new TreeMap<>();
            TreeSet<String> stateRids = new TreeSet<>();
            List<PicoOutline> children = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "id" -> id = p.getText();
                    case "admin_eci" -> admin = p.getText();
                    case "channels" -> keys(ecis::add);
                    case "rulesets" -> rulesets.addAll(texts(p.readValueAsTree()));
                    case "entvars" -> entvars(entvars, stateRids);
                    case "state_machine" -> keys(stateRids::add);
                    case "children" -> {
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            children.add(pico());
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            return new PicoOutline(id, admin, ecis, rulesets, entvars, stateRids, children);
        }

        private void entvars(TreeMap<String, String> into, TreeSet<String> rids) throws IOException {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String rid = p.currentName();
                rids.add(rid);
                expect(p.nextToken(), JsonToken.START_OBJECT);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    into.put(rid + "/" + name, EntvarDigest.of(p));
                }
            }
        }

        /** The object's field names; their values skipped. */
        private void keys(java.util.function.Consumer<String> into) throws IOException {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                into.accept(p.currentName());
                p.nextToken();
                p.skipChildren();
            }
        }

        private static void expect(JsonToken actual, JsonToken expected) throws IOException {
            if (actual != expected) {
                throw new IOException(expected + " expected, " + actual + " found");
            }
        }
    }

    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
