package org.picomesh.directory.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.picomesh.contracts.PicoDid;
import org.picomesh.contracts.devnet.PicoEngineProcess;
import org.picomesh.contracts.devnet.SampleAdverts;
import org.picomesh.contracts.devnet.DevAccounts;
import org.picomesh.directory.support.Axe;
import org.picomesh.directory.support.Browser;
import org.picomesh.directory.support.Directory;
import org.picomesh.directory.support.TestChain;
import org.picomesh.directory.support.TestDatabase;

/**
 * Every page of the web directory for everyone, in real Chromium: no serious or critical accessibility violation
 * (axe-core), usable on a phone without scrolling sideways, and amounts in ETH or gwei rather than wei.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagesForEveryoneIT {
    /** A number of ten digits or more standing alone (not part of an address, a key or a CID): wei shown raw. */
    private static final String RAW_WEI = "(?<![0-9A-Za-z])\\d{10,}(?![0-9A-Za-z])";
    private TestChain chain;
    private PicoEngineProcess picoEngine;
    private Directory directory;
    private Browser browser;
    private long measured;
    private String picoDid;

    /** Each page in a state worth auditing: opened, filled in where it has a form, and waited for. */
    enum Page {
        ENGINES("#/engines", t -> t.until("table.engines tbody tr")),
        ENGINE("#/engines/{measured}", t -> t.until("#latency-chart canvas")),
        ENGINE_WAITING_FOR_PROBES("#/engines/1", t -> t.until("#latency-chart .waiting")),
        MARKET("#/market", t -> t.until("#stake-chart canvas")),
        SELECT("#/select", t -> {
            t.until("input[name=regions]").sendKeys("us-east");
            t.browser.driver.findElement(By.xpath("//button[.='Rank hosts']")).click();
            return t.until("ol.candidates li");
        }),
        REGISTER("#/register", t -> t.until("#register")),
        TRANSACT_WITHOUT_A_WALLET("#/register", t -> {
            t.until("#operate").findElement(By.name("engine")).sendKeys("1");
            t.browser.driver.findElement(By.cssSelector("#operate button")).click();
            return t.until("#operate ~ .status.error");
        }),
        PICO("#/picos/{pico}", t -> t.until("#pico-move"));

        final String hash;
        final Function<PagesForEveryoneIT, WebElement> ready;

        Page(String hash, Function<PagesForEveryoneIT, WebElement> ready) {
            this.hash = hash;
            this.ready = ready;
        }
    }

    @BeforeAll
    void start() throws Exception {
        chain = new TestChain();
        picoEngine = PicoEngineProcess.start();
        directory = Directory.start(chain.deployment, TestDatabase.fresh(), Map.of("picomesh.probes.enabled", true,
                "picomesh.probes.interval", "200ms", "picomesh.probes.allow-loopback", true));
        chain.register(1, SampleAdverts.advert("https://cheap.example", 1, 4), "1");
        chain.register(2, SampleAdverts.advert("https://dear.example", 5, 4), "3");
        measured = chain.register(4, SampleAdverts.advert(picoEngine.url(), 2, 3), "1");
        var picoKey = SampleAdverts.pico(8);
        chain.anvil.call("anvil_setBalance", picoKey.getAddress(), "0x8ac7230489e80000");
        var pico = chain.as(DevAccounts.DEPLOYER).as(picoKey).escrow(chain.deployment.escrow());
        BigInteger anyPrice = BigInteger.TWO.pow(72).subtract(BigInteger.ONE);
        pico.openLease(BigInteger.ONE, anyPrice, TestChain.ether("0.01")).send();
        pico.moveLease(BigInteger.valueOf(measured), anyPrice).send();
        picoDid = new PicoDid(chain.deployment.chainId(), picoKey.getAddress()).toString();
        Directory.await("the engines, the pico's pending move and three probes of the pico engine", Duration.ofSeconds(30),
                () -> directory.getRaw("/api/picos/" + picoDid).statusCode() == 200
                        && !directory.get("/api/picos/" + picoDid).at("/current/pendingMove").isNull()
                        && directory.get("/api/engines/" + measured).path("probes").size() >= 3);
        browser = new Browser();
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (browser != null) {
            browser.close();
        }
        if (directory != null) {
            directory.close();
        }
        if (picoEngine != null) {
            picoEngine.close();
        }
        if (chain != null) {
            chain.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Page.class)
    void everyPagePassesTheAccessibilityAuditWithoutASeriousOrCriticalViolation(Page page) {
        browser.resize(Browser.DESKTOP);
        open(page);
        List<String> violations = Axe.seriousViolations(browser.driver);
        assertThat(violations).withFailMessage(() -> page + " has serious or critical accessibility violations:\n"
                + String.join("\n\n", violations)).isEmpty();
    }

    @Test
    void theAuditFindsAViolationWhereThereIsOne() {
        browser.resize(Browser.DESKTOP);
        open(Page.REGISTER);
        browser.driver.executeScript("document.querySelector('#register').append(document.createElement('button'))");
        assertThat(Axe.seriousViolations(browser.driver)).as("a button without a name")
                .anySatisfy(v -> assertThat(v).startsWith("button-name (critical)"));
    }

    @ParameterizedTest
    @EnumSource(Page.class)
    void everyPageFitsAPhoneWithoutScrollingSideways(Page page) {
        browser.resize(Browser.PHONE);
        open(page);
        assertThat(number("return window.innerWidth")).as("the viewport's width").isEqualTo(Browser.PHONE.width);
        long scrollWidth = number("return document.documentElement.scrollWidth");
        long clientWidth = number("return document.documentElement.clientWidth");
        browser.screenshot("phone-" + page.name().toLowerCase());
        assertThat(scrollWidth).withFailMessage(() -> page + " is " + scrollWidth + " px wide on a " + clientWidth
                + " px phone, widened by: " + widest()).isLessThanOrEqualTo(clientWidth);
        List<String> violations = Axe.seriousViolations(browser.driver);
        assertThat(violations).withFailMessage(() -> page + " on a phone has serious or critical accessibility violations:\n"
                + String.join("\n\n", violations)).isEmpty();
    }

    @Test
    void onAPhoneTheEnginesTableBecomesCardsThatNameEachValue() {
        browser.resize(Browser.PHONE);
        open(Page.ENGINES);
        WebElement card = browser.driver.findElements(By.cssSelector("table.engines tbody tr")).get(0);
        assertThat(browser.driver.findElement(By.cssSelector("table.engines thead")).isDisplayed()).isFalse();
        assertThat(card.getCssValue("display")).isEqualTo("block");
        assertThat(card.getText()).contains("Price per pico-hour").contains("Free slots").contains("Measured latency");
        assertThat(card.getRect().getWidth()).isLessThanOrEqualTo(Browser.PHONE.width);
    }

    @Test
    void amountsAreShownInEthAndTypedInEthOrGweiNeverInWei() {
        browser.resize(Browser.DESKTOP);
        open(Page.ENGINES);
        String table = browser.driver.findElement(By.cssSelector("table.engines")).getText();
        assertThat(table).contains("0.001 ETH").contains("0.005 ETH").doesNotContainPattern(RAW_WEI);
        WebElement maxPrice = browser.driver.findElement(By.name("maxPrice"));
        maxPrice.sendKeys("2000000");
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.name("maxPrice-unit"))).selectByValue("gwei");
        browser.driver.findElement(By.xpath("//button[.='Apply']")).click();
        new WebDriverWait(browser.driver, Duration.ofSeconds(10))
                .until(d -> d.findElements(By.cssSelector("table.engines tbody tr")).size() == 2);
        assertThat(browser.driver.findElement(By.cssSelector("table.engines")).getText()).doesNotContain("https://dear.example");
        // the URL keeps wei, the API's unit; the field shows it back in ETH
        assertThat(browser.driver.getCurrentUrl()).contains("maxPrice=2000000000000000");
        assertThat(browser.driver.findElement(By.name("maxPrice")).getAttribute("value")).isEqualTo("0.002");

        open(Page.SELECT);
        String excluded = browser.driver.findElement(By.cssSelector("ul.excluded")).getText();
        assertThat(excluded).contains("is not one of [us-east]").doesNotContainPattern(RAW_WEI);
    }

    @Test
    void theEnginePageSaysWhatItsChartsWaitFor() {
        browser.resize(Browser.DESKTOP);
        open(Page.ENGINE_WAITING_FOR_PROBES);
        assertThat(browser.driver.findElement(By.id("latency-chart")).getText())
                .matches("Waiting for answered probes: 0 of 2 needed\\.");
        assertThat(browser.driver.findElement(By.cssSelector("dl.facts")).getText())
                .contains("Price per pico-hour").contains("0.001 ETH").doesNotContainPattern(RAW_WEI);
    }

    private void open(Page page) {
        String hash = page.hash.replace("{measured}", String.valueOf(measured)).replace("{pico}", picoDid);
        browser.driver.get("about:blank");
        browser.driver.get(directory.baseUrl() + "/" + hash);
        page.ready.apply(this);
    }

    private WebElement until(String css) {
        return new WebDriverWait(browser.driver, Duration.ofSeconds(20))
                .until((WebDriver d) -> d.findElements(By.cssSelector(css)).stream().findFirst().orElse(null));
    }

    private long number(String script) {
        return ((Number) browser.driver.executeScript(script)).longValue();
    }

    /** The elements that reach past the viewport's right edge, to say what widened the page. */
    private String widest() {
        return String.valueOf(browser.driver.executeScript("""
                const width = document.documentElement.clientWidth;
                return [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > width + 0.5)
                  .slice(0, 8).map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                    + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().replace(/\\s+/g, '.') : '')
                    + ' (' + Math.round(e.getBoundingClientRect().right) + ' px)').join(', ');"""));
    }
}
