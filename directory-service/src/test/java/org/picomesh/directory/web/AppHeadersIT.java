package org.picomesh.directory.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.picomesh.contracts.devnet.SampleAdverts;
import org.picomesh.directory.support.Browser;
import org.picomesh.directory.support.Directory;
import org.picomesh.directory.support.TestChain;
import org.picomesh.directory.support.TestDatabase;

/**
 * The web directory's own headers: a Content-Security-Policy that lets only the app's own files run (no inline
 * script, which Vite's build does not need) and lets no one frame it, on the page and on every asset. Every page
 * still works in real Chromium, with no violation in its console, and an injected inline script is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AppHeadersIT {
    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"(/assets/[^\"]+)\"");
    private static final Pattern SCRIPT = Pattern.compile("<script\\b([^>]*)>(.*?)</script>", Pattern.DOTALL);
    /** Records each violation the page reports, from before any of the page's own scripts runs. */
    private static final String VIOLATIONS = """
            window.cspViolations = [];
            document.addEventListener('securitypolicyviolation',
                (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));""";
    private TestChain chain;
    private Directory directory;
    private Browser browser;
    private long engine;

    @BeforeAll
    void start() throws Exception {
        chain = new TestChain();
        directory = Directory.start(chain.deployment, TestDatabase.fresh(), Map.of());
        engine = chain.register(1, SampleAdverts.advert("https://headers.example", 1, 4), "1");
        chain.registry(1).addStake(BigInteger.valueOf(engine), TestChain.ether("1")).send();
        Directory.await("the engine to be indexed", Duration.ofSeconds(20),
                () -> directory.getRaw("/api/engines/" + engine).statusCode() == 200);
        browser = new Browser();
        browser.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", VIOLATIONS));
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (directory != null) {
            directory.close();
        }
        if (chain != null) {
            chain.close();
        }
    }

    @Test
    void thePageAndEveryAssetCarryAPolicyOfOwnScriptsOnlyAndNoFraming() {
        HttpResponse<String> page = directory.getRaw("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertStrict(page);
        Matcher scripts = SCRIPT.matcher(page.body());
        int count = 0;
        while (scripts.find()) {
            count++;
            assertThat(scripts.group(1)).as("a script from a file").contains("src=\"/assets/");
            assertThat(scripts.group(2)).as("no inline script").isBlank();
        }
        assertThat(count).isPositive();
        assertThat(page.body()).doesNotContainPattern("(?i)\\son[a-z]+=").doesNotContain("<style");
        Matcher assets = ASSET.matcher(page.body());
        int served = 0;
        while (assets.find()) {
            HttpResponse<String> asset = directory.getRaw(assets.group(1));
            assertThat(asset.statusCode()).as(assets.group(1)).isEqualTo(200);
            assertStrict(asset);
            served++;
        }
        assertThat(served).as("the entry script and its stylesheet").isGreaterThanOrEqualTo(2);
        assertStrict(directory.getRaw("/index.html"));
        assertThat(directory.getRaw("/api/engines").headers().firstValue("Content-Security-Policy"))
                .hasValue("default-src 'none'; frame-ancestors 'none'");
    }

    @Test
    void everyPageWorksInChromiumWithNoPolicyViolation() {
        browser.driver.manage().logs().get(LogType.BROWSER); // drains what earlier tests logged
        open("#/engines");
        waitFor("table.engines tbody tr");
        assertNoViolation("#/engines");
        open("#/engines/" + engine);
        assertThat(waitFor(".verify").getAttribute("data-verified")).isEqualTo("true");
        assertNoViolation("#/engines/" + engine);
        open("#/market");
        waitFor("#stake-chart canvas");
        assertThat(waitFor("ul.bars .bar").getCssValue("width")).as("bars sized without style attributes")
                .isNotEqualTo("0px");
        assertNoViolation("#/market");
        open("#/select");
        waitFor("input[name=regions]");
        browser.driver.findElement(By.xpath("//button[.='Rank hosts']")).click();
        waitFor("ol.candidates .share");
        assertNoViolation("#/select");
        open("#/register");
        waitFor("form#register");
        assertNoViolation("#/register");
        open("#/picos");
        waitFor("main h1");
        assertNoViolation("#/picos");
        assertThat(browser.driver.manage().logs().get(LogType.BROWSER).getAll()).extracting(LogEntry::getMessage)
                .noneMatch(m -> m.contains("Content Security Policy") || m.contains("Refused to"));
    }

    /**
     * Swagger UI needs no inline script but adds {@code <style>} elements as it renders: its path alone allows inline
     * styles, with scripts still from this origin only (an inline script is refused there too).
     */
    @Test
    void theApiPageRendersEveryOperationUnderItsOwnPolicyWithNoViolation() {
        HttpResponse<String> ui = directory.getRaw("/swagger-ui/index.html");
        assertThat(ui.statusCode()).isEqualTo(200);
        String policy = ui.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(policy).contains("script-src 'self';", "style-src 'self' 'unsafe-inline';", "frame-ancestors 'none'",
                "object-src 'none'").doesNotContain("unsafe-eval").doesNotContainPattern("script-src[^;]*unsafe-inline");
        assertThat(ui.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        Matcher scripts = SCRIPT.matcher(ui.body());
        while (scripts.find()) {
            assertThat(scripts.group(2)).as("no inline script on the API page").isBlank();
        }
        assertThat(directory.getRaw("/v3/api-docs/swagger-config").body()).contains("\"validatorUrl\":\"none\"");
        browser.driver.manage().logs().get(LogType.BROWSER);

        open("swagger-ui/index.html");
        List<String> paths = new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(d -> {
            List<String> shown = d.findElements(By.cssSelector(".opblock-summary-path")).stream().map(WebElement::getText)
                    .toList();
            return shown.isEmpty() ? null : shown;
        });
        assertThat(paths).contains("/api/engines", "/api/select");
        browser.driver.findElement(By.cssSelector(".opblock-post .opblock-summary")).click();
        waitFor(".opblock-post .opblock-body pre");
        assertNoViolation("swagger-ui");
        assertThat(browser.driver.manage().logs().get(LogType.BROWSER).getAll()).extracting(LogEntry::getMessage)
                .noneMatch(m -> m.contains("Content Security Policy") || m.contains("Refused to"));
        browser.screenshot("api-page");

        browser.driver.executeScript("""
                const s = document.createElement('script');
                s.textContent = 'window.inlineRan = true';
                document.body.append(s);""");
        new WebDriverWait(browser.driver, Duration.ofSeconds(5)).until(d ->
                !((List<?>) browser.driver.executeScript("return window.cspViolations")).isEmpty());
        assertThat(browser.driver.executeScript("return window.inlineRan === true")).isEqualTo(false);
    }

    private void assertNoViolation(String page) {
        assertThat(browser.driver.executeScript("return window.cspViolations")).as(page).asList().isEmpty();
    }

    @Test
    void theBrowserRefusesAnInlineScriptSlippedIntoThePage() {
        open("#/engines");
        waitFor("table.engines tbody tr");
        browser.driver.executeScript("""
                const s = document.createElement('script');
                s.textContent = 'window.inlineRan = true';
                document.body.append(s);""");
        new WebDriverWait(browser.driver, Duration.ofSeconds(5)).until(d ->
                !((List<?>) browser.driver.executeScript("return window.cspViolations")).isEmpty());
        assertThat(browser.driver.executeScript("return window.inlineRan === true")).isEqualTo(false);
        assertThat(browser.driver.executeScript("return window.cspViolations")).asList()
                .anySatisfy(v -> assertThat(v.toString()).startsWith("script-src"));
    }

    private static void assertStrict(HttpResponse<String> response) {
        String policy = response.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(policy).as(response.uri().toString()).contains("script-src 'self'", "frame-ancestors 'none'",
                "object-src 'none'").doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    /** A fresh document each time (not a same-document hash change), so that it records its own violations. */
    private void open(String hash) {
        browser.driver.get("about:blank");
        browser.driver.get(directory.baseUrl() + "/" + hash);
    }

    private WebElement waitFor(String css) {
        return new WebDriverWait(browser.driver, Duration.ofSeconds(15))
                .until(d -> d.findElements(By.cssSelector(css)).stream().findFirst().orElse(null));
    }
}
