package org.picomesh.directory.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The axe-core accessibility audit, run inside the page the browser shows. axe-core comes from npm, pinned in
 * web/package.json and its lockfile; the web module's build installs it with {@code npm ci}.
 */
public final class Axe {
    private static final Path SCRIPT = Path.of("web", "node_modules", "axe-core", "axe.min.js");
    private static final String RUN = """
            const done = arguments[arguments.length - 1];
            axe.run(document, { resultTypes: ['violations'] })
              .then((r) => done(r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html, failureSummary: n.failureSummary ?? '' })) }))))
              .catch((e) => done('axe-core could not audit the page: ' + e));""";
    private static String source;

    private Axe() {
    }

    /**
     * The serious and critical violations on the page as it is now, one readable paragraph each (rule, impact,
     * what it asks, and up to five elements with what to fix); empty when there are none.
     */
    public static List<String> seriousViolations(ChromeDriver driver) {
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        // through WebDriver rather than a script element: the app's Content-Security-Policy allows scripts from self only
        driver.executeScript(script());
        Object answer = driver.executeAsyncScript(RUN);
        if (!(answer instanceof List<?> violations)) {
            throw new IllegalStateException(String.valueOf(answer));
        }
        List<String> found = new ArrayList<>();
        for (Object violation : violations) {
            found.add(describe((Map<?, ?>) violation));
        }
        return found;
    }

    private static String describe(Map<?, ?> violation) {
        StringBuilder text = new StringBuilder().append(violation.get("id")).append(" (").append(violation.get("impact"))
                .append("): ").append(violation.get("help")).append(" [").append(violation.get("helpUrl")).append(']');
        List<?> nodes = (List<?>) violation.get("nodes");
        for (Object each : nodes.subList(0, Math.min(5, nodes.size()))) {
            Map<?, ?> node = (Map<?, ?>) each;
            text.append("\n  at ").append(node.get("target")).append(": ").append(abbreviate(String.valueOf(node.get("html"))))
                    .append("\n    ").append(String.valueOf(node.get("failureSummary")).replace("\n", "\n    "));
        }
        if (nodes.size() > 5) {
            text.append("\n  … and ").append(nodes.size() - 5).append(" more");
        }
        return text.toString();
    }

    private static String abbreviate(String html) {
        return html.length() <= 160 ? html : html.substring(0, 160) + "…";
    }

    private static synchronized String script() {
        if (source == null) {
            Path found = locate();
            try {
                source = Files.readString(found);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return source;
    }

    /** From the module's folder (where Maven runs the tests) or the repository's root, whichever holds web/. */
    private static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(SCRIPT))) {
                return dir.resolve(SCRIPT);
            }
        }
        throw new IllegalStateException(SCRIPT + " is missing: the web module's build installs it (npm ci in web/)");
    }
}
