package org.picomesh.directory.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.picomesh.contracts.PicoDid;
import org.picomesh.contracts.devnet.DevAccounts;
import org.picomesh.contracts.devnet.SampleAdverts;
import org.picomesh.contracts.generated.EngineRegistry;
import org.picomesh.directory.support.Browser;
import org.picomesh.directory.support.Directory;
import org.picomesh.contracts.devnet.PicoEngineProcess;
import org.picomesh.directory.support.TestChain;
import org.picomesh.directory.support.TestDatabase;

/** The engines page in real Chromium, served by the directory, over a real chain and database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnginesPageIT {
    private static final String HOSTILE = "<img src=x onerror=alert(1)>";
    private TestChain chain;
    private PicoEngineProcess picoEngine;
    private Directory directory;
    private Browser browser;
    private long measured;

    @BeforeAll
    void start() throws Exception {
        chain = new TestChain();
        picoEngine = PicoEngineProcess.start();
        directory = Directory.start(chain.deployment, TestDatabase.fresh(), Map.of("picomesh.api.list-cache-ttl", "0s",
                "picomesh.probes.enabled", true, "picomesh.probes.interval", "200ms", "picomesh.probes.allow-loopback", true));
        chain.register(1, SampleAdverts.advert("https://cheap.example", 1, 4), "1");
        chain.register(2, SampleAdverts.advert("https://dear.example", 5, 4), "3");
        long hostile = chain.register(3, new EngineRegistry.Advert(HOSTILE, "did:web:hostile.example", BigInteger.TEN,
                BigInteger.TEN, BigInteger.ONE, "eu-west", "", SampleAdverts.encryptionKey(3)), "2");
        measured = chain.register(4, SampleAdverts.advert(picoEngine.url(), 2, 3), "1");
        Directory.await("the engines to be indexed and the pico engine measured", Duration.ofSeconds(30),
                () -> directory.getRaw("/api/engines/" + hostile).statusCode() == 200
                        && directory.get("/api/engines/" + measured).path("probes").size() >= 3);
        browser = new Browser();
        // Before any of the page's own scripts runs, on every page: a hostile advert that ran script as the list
        // rendered would be seen however early it fired.
        browser.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                Map.of("source", "window.alert = () => { window.alertFired = true; };"));
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (directory != null) {
            directory.close();
        }
        if (picoEngine != null) {
            try {
                picoEngine.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (chain != null) {
            chain.close();
        }
    }

    @Test
    void listsEnginesAndShowsAHostileNameAsTextThatRunsNothing() {
        open("#/engines");
        List<WebElement> rows = rows();
        assertThat(rows).hasSize(4);
        WebElement hostileRow = rows.stream().filter(r -> r.getText().contains(HOSTILE)).findFirst().orElseThrow();
        assertThat(hostileRow.findElements(By.tagName("img"))).isEmpty();
        assertThat(hostileRow.findElements(By.tagName("a"))).as("no link but the row's own details page")
                .allSatisfy(a -> assertThat(a.getAttribute("href")).contains("#/engines/"));
        assertThat(browser.driver.executeScript("return typeof window.alert === 'function' && !window.alert.toString().includes('native')"))
                .as("alert hooked before the page's scripts").isEqualTo(true);
        assertThat(browser.driver.executeScript("return typeof window.alertFired")).isEqualTo("undefined");
        assertThat(browser.driver.findElements(By.cssSelector(".badge.onchain"))).isNotEmpty();
        browser.screenshot("engines");
    }

    @Test
    void filtersNarrowTheListAndTheUrlKeepsThem() {
        open("#/engines");
        rows();
        WebElement search = browser.driver.findElement(By.name("q"));
        search.sendKeys("cheap");
        browser.driver.findElement(By.cssSelector("form.filters button")).click();
        new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> rows().size() == 1);
        assertThat(browser.driver.getCurrentUrl()).contains("#/engines?q=cheap");
        assertThat(rows().get(0).getText()).contains("https://cheap.example");

        browser.driver.navigate().back();
        new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> rows().size() == 4);
        browser.screenshot("engines-filtered-back");
    }

    @Test
    void sortingByAColumnOrdersTheRows() {
        open("#/engines?sort=-stake");
        assertThat(rows().get(0).getText()).contains("https://dear.example");
        browser.driver.findElement(By.xpath("//th//a[contains(., 'Stake')]")).click();
        new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("sort=stake"));
        new WebDriverWait(browser.driver, Duration.ofSeconds(10))
                .until(d -> rows().get(0).getText().contains("https://cheap.example"));
    }

    @Test
    void theEnginePageDrawsMeasuredLatencyAndVerifiesTheAdvertAgainstTheChain() {
        open("#/engines/" + measured);
        WebElement verify = new WebDriverWait(browser.driver, Duration.ofSeconds(15))
                .until(d -> d.findElements(By.cssSelector(".verify")).stream().findFirst().orElse(null));
        assertThat(verify.getAttribute("data-verified")).isEqualTo("true");
        assertThat(verify.getText()).startsWith("✓");
        WebElement canvas = new WebDriverWait(browser.driver, Duration.ofSeconds(15))
                .until(d -> d.findElements(By.cssSelector("#latency-chart canvas")).stream().findFirst().orElse(null));
        assertThat(painted(canvas)).as("painted pixels").isPositive();
        assertThat(browser.driver.findElement(By.cssSelector(".timeline")).getText()).contains("Engine registered");
        browser.screenshot("engine");
    }

    @Test
    void thePicoPageShowsWhereThePicoLivesAndItsPendingMoveAndTheEnginePageItsKeys() throws Exception {
        var picoKey = SampleAdverts.pico(7);
        chain.anvil.call("anvil_setBalance", picoKey.getAddress(), "0x8ac7230489e80000");
        var pico = chain.as(DevAccounts.DEPLOYER).as(picoKey).escrow(chain.deployment.escrow());
        BigInteger anyPrice = BigInteger.TWO.pow(72).subtract(BigInteger.ONE);
        pico.openLease(BigInteger.ONE, anyPrice, TestChain.ether("0.01")).send();
        pico.moveLease(BigInteger.valueOf(measured), anyPrice).send();
        String did = new PicoDid(chain.deployment.chainId(), picoKey.getAddress()).toString();
        Directory.await("the pending move to be indexed", Duration.ofSeconds(20), () -> directory
                .getRaw("/api/picos/" + did).statusCode() == 200
                && !directory.get("/api/picos/" + did).at("/current/pendingMove").isNull());

        open("#/picos/" + did);
        WebElement host = new WebDriverWait(browser.driver, Duration.ofSeconds(15))
                .until(d -> d.findElements(By.id("pico-host")).stream().findFirst().orElse(null));
        assertThat(host.getText()).contains("engine 1").contains("https://cheap.example");
        assertThat(browser.driver.findElement(By.id("pico-move")).getText()).startsWith("Moving to engine " + measured);
        browser.screenshot("pico");

        open("#/engines/1");
        WebElement lease = new WebDriverWait(browser.driver, Duration.ofSeconds(15))
                .until(d -> d.findElements(By.cssSelector("ul.leases li")).stream().findFirst().orElse(null));
        assertThat(lease.getText()).contains(did).contains("moving to engine " + measured);
        assertThat(browser.driver.findElement(By.cssSelector("dl.facts")).getText())
                .contains("Agent (hot key)").contains("Payouts go to");
        open("#/picos/did:web:not-a-pico");
        WebElement error = new WebDriverWait(browser.driver, Duration.ofSeconds(15))
                .until(d -> d.findElements(By.cssSelector(".status.error")).stream().findFirst().orElse(null));
        assertThat(error.getText()).contains("is not a pico DID");
    }

    @Test
    void pickAHostRanksCandidatesWithTheirSharesAndSaysWhyOthersAreOut() {
        open("#/select");
        new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> d.findElements(By.name("regions")).size() == 1);
        browser.driver.findElement(By.name("regions")).sendKeys("us-east");
        browser.driver.findElement(By.xpath("//button[.='Rank hosts']")).click();
        List<WebElement> ranked = new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector("ol.candidates li"));
            return found.isEmpty() ? null : found;
        });
        assertThat(ranked).hasSize(2);
        assertThat(ranked.get(0).getText()).contains("https://cheap.example");
        assertThat(ranked.get(0).findElements(By.cssSelector(".share"))).isNotEmpty();
        String excluded = browser.driver.findElement(By.cssSelector("ul.excluded")).getText();
        assertThat(excluded).contains(HOSTILE).contains("region 'eu-west' is not one of [us-east]");
        browser.screenshot("pick-a-host");
    }

    @Test
    void theMarketPageShowsTotalsRegionsPricesAndStakeOverTime() {
        open("#/market");
        WebElement total = new WebDriverWait(browser.driver, Duration.ofSeconds(15))
                .until(d -> d.findElements(By.id("engines-total")).stream().findFirst().orElse(null));
        assertThat(total.getText()).isEqualTo("4 (4 listed)");
        assertThat(browser.driver.findElements(By.cssSelector("ul.bars li"))).extracting(WebElement::getText)
                .anySatisfy(t -> assertThat(t).contains("us-east").endsWith("2"));
        WebElement stake = new WebDriverWait(browser.driver, Duration.ofSeconds(15))
                .until(d -> d.findElements(By.cssSelector("#stake-chart canvas")).stream().findFirst().orElse(null));
        assertThat(painted(stake)).as("painted pixels").isPositive();
        browser.screenshot("market");
    }

    private long painted(WebElement canvas) {
        Object ink = browser.driver.executeScript("""
                const c = arguments[0]; const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let ink = 0; for (let i = 3; i < data.length; i += 4) { if (data[i] > 0) ink++; } return ink;""", canvas);
        return ((Number) ink).longValue();
    }

    private void open(String hash) {
        browser.driver.get(directory.baseUrl() + "/" + hash);
    }

    private List<WebElement> rows() {
        return new WebDriverWait(browser.driver, Duration.ofSeconds(15))
                .until(d -> {
                    List<WebElement> found = d.findElements(By.cssSelector("table.engines tbody tr"));
                    return found.isEmpty() ? null : found;
                });
    }
}
