package org.picomesh.directory.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.picomesh.directory.indexer.IndexerStatus;
import org.picomesh.directory.support.Browser;
import org.picomesh.directory.support.Directory;
import org.picomesh.directory.support.TestChain;
import org.picomesh.directory.support.TestDatabase;

/**
 * {@code ./mesh bench web}: with 10,000 engines indexed, the time from navigating to the engines page to its
 * first rows on screen (a {@code first-rows} performance mark), in a fresh headless Chromium each time (cold
 * cache), median of 5; and the JavaScript shipped, gzipped.
 */
public final class WebBench {
    private static final int ENGINES = 10_000;
    private static final int RUNS = 5;

    private WebBench() {}

    public static void main(String[] args) throws Exception {
        List<Double> firstRows = new ArrayList<>();
        try (TestChain chain = new TestChain()) {
            System.err.println("bench: registering " + ENGINES + " engines...");
            new MarketLoad(chain).fill(ENGINES, 0);
            long head = chain.blockNumber();
            try (Directory directory = Directory.start(chain.deployment, TestDatabase.fresh(), Map.of())) {
                Directory.await("the index to catch up", Duration.ofMinutes(5),
                        () -> directory.bean(IndexerStatus.class).indexed() >= head);
                for (int run = 0; run < RUNS; run++) {
                    try (Browser browser = new Browser()) {
                        browser.driver.get(directory.baseUrl() + "/#/engines?sort=-stake");
                        new WebDriverWait(browser.driver, Duration.ofSeconds(30)).until(d -> browser.driver.executeScript(
                                "return performance.getEntriesByName('first-rows').length > 0").equals(Boolean.TRUE));
                        Number at = (Number) browser.driver.executeScript(
                                "return performance.getEntriesByName('first-rows')[0].startTime");
                        firstRows.add(at.doubleValue());
                        if (run == 0) {
                            browser.screenshot("engines-10000");
                        }
                    }
                }
            }
        }
        Collections.sort(firstRows);
        System.out.println("Web benchmark, " + LocalDate.now() + " (./mesh bench web): " + ENGINES + " engines, runs "
                + firstRows + " ms");
        System.out.printf("figure first_rows_ms %.1f ms%n", firstRows.get(RUNS / 2));
        System.out.printf("figure js_gzip_kb %.2f KB%n", gzippedJs() / 1024.0);
        System.exit(0);
    }

    /** The gzipped size of every JavaScript file the build ships. */
    private static long gzippedJs() throws IOException {
        Path assets = Path.of("..", "web", "target", "classes", "static", "assets");
        long total = 0;
        try (Stream<Path> files = Files.list(assets)) {
            for (Path js : files.filter(p -> p.toString().endsWith(".js")).toList()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                    gzip.write(Files.readAllBytes(js));
                }
                total += out.size();
            }
        }
        return total;
    }
}
