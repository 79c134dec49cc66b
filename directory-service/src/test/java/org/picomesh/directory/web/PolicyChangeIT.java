package org.picomesh.directory.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.picomesh.contracts.PicoDid;
import org.picomesh.contracts.devnet.DevAccounts;
import org.picomesh.contracts.devnet.SampleAdverts;
import org.picomesh.directory.support.Axe;
import org.picomesh.directory.support.Browser;
import org.picomesh.directory.support.Directory;
import org.picomesh.directory.support.TestChain;
import org.picomesh.directory.support.TestDatabase;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;
import tools.jackson.databind.JsonNode;

/**
 * A person changes their pico's policy from the web directory, in real Chromium: the directory passes it, with one of
 * the pico's channels as the authority, to a real pico engine running the market's own ruleset (behind a stand-in for
 * its agent's front door and policy check, see {@link MarketPicoHost}), and the page shows the pico's answer and then
 * its new policy. A wrong channel, another pico's channel or a refused policy is said plainly and changes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyChangeIT {
    private static final BigInteger ANY_PRICE = BigInteger.TWO.pow(72).subtract(BigInteger.ONE);
    private static final String FIRST_POLICY = "{\"constraints\": {\"maxPrice\": \"4000000000000000\"}, "
            + "\"weights\": {\"cost\": 1, \"latency\": 3}}";
    private static final String WRONG_ECI = "NoSuchChannel4242XyZ";

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private TestChain chain;
    private MarketPicoHost host;
    private Directory directory;
    private Browser browser;
    private long engine;
    private String did;
    private String eci;
    private String otherEci;

    @BeforeAll
    void start() throws Exception {
        chain = new TestChain();
        host = new MarketPicoHost();
        engine = chain.register(2, SampleAdverts.advert(host.url(), 2, 4), "1");
        // reports kept for 10 minutes: the page shows the new policy at once only if the directory forgets the old
        directory = Directory.start(chain.deployment, TestDatabase.fresh(), Map.of("picomesh.probes.enabled", false,
                "picomesh.probes.allow-loopback", true, "picomesh.picos.host-report-ttl", "10m"));
        log.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(log);
        Credentials key = SampleAdverts.pico(71);
        did = openLease(key);
        eci = host.enrolledPico("policy pico", did, key.getAddress(), privateKey(key));
        Credentials other = SampleAdverts.pico(72);
        otherEci = host.enrolledPico("another pico", new PicoDid(chain.deployment.chainId(), other.getAddress())
                .toString(), other.getAddress(), privateKey(other));
        assertThat(host.givePolicy(eci, FIRST_POLICY).at("/directives/0/options/valid").asBoolean()).isTrue();
        Directory.await("the pico's lease to be indexed", Duration.ofSeconds(20),
                () -> directory.getRaw(path()).statusCode() == 200 && !directory.get(path()).path("current").isNull());
        browser = new Browser();
    }

    @AfterAll
    void stop() throws Exception {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(log);
        if (browser != null) {
            browser.close();
        }
        if (directory != null) {
            directory.close();
        }
        if (host != null) {
            host.close();
        }
        if (chain != null) {
            chain.close();
        }
    }

    @AfterEach
    void noChannelWasLogged() {
        assertThat(log.list).allSatisfy(event -> assertThat(event.getFormattedMessage()
                + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage()))
                .doesNotContain(eci, otherEci, WRONG_ECI));
    }

    @Test
    void aPersonGivesThePicoANewPolicyWithOneOfItsChannelsAndSeesItKept() {
        open();
        assertThat(text("pico-policy")).contains("Pays at most 0.004 ETH per pico-hour.");
        assertThat(field("maxPrice").getDomProperty("value")).isEqualTo("0.004");
        assertThat(field("eci").getDomAttribute("type")).isEqualTo("password");

        type("maxPrice", "0.003");
        type("regions", "eu-west");
        submitWith(eci);

        WebElement kept = new WebDriverWait(browser.driver, Duration.ofSeconds(30))
                .until(d -> d.findElements(By.id("policy-change-kept")).stream().findFirst().orElse(null));
        assertThat(kept.getText()).startsWith("The pico kept the new policy.")
                .contains("Engine " + engine + " answered: \"policy kept\"").contains("not verified");
        assertThat(text("pico-policy")).contains("Pays at most 0.003 ETH per pico-hour.")
                .contains("Its host must be in \"eu-west\".").contains("low latency (75%) and a low price (25%)");
        assertThat(field("eci").getDomProperty("value")).isEmpty();
        JsonNode stored = host.policy(eci);
        assertThat(stored.at("/constraints/maxPrice").asText()).isEqualTo("3000000000000000");
        assertThat(stored.at("/constraints/regions/0").asText()).isEqualTo("eu-west");
        assertThat(Axe.seriousViolations(browser.driver)).isEmpty();

        browser.resize(Browser.PHONE);
        try {
            long scrollWidth = number("return document.documentElement.scrollWidth");
            assertThat(scrollWidth).as("the page's width on a phone")
                    .isLessThanOrEqualTo(number("return document.documentElement.clientWidth"));
            assertThat(Axe.seriousViolations(browser.driver)).isEmpty();
            browser.screenshot("pico-policy-changed-phone");
        } finally {
            browser.resize(Browser.DESKTOP);
        }
    }

    @Test
    void aWrongChannelAnotherPicosChannelOrARefusedPolicyIsSaidPlainlyAndChangesNothing() {
        JsonNode before = host.policy(eci);
        var wrong = directory.post(path() + "/policy", "{\"eci\": \"" + WRONG_ECI + "\", \"policy\": {}}");
        assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(422);
        assertThat(wrong.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/problem+json"));
        assertThat(wrong.body()).doesNotContain(WRONG_ECI);
        assertThat(Directory.json(wrong).path("detail").asText()).contains("check the ECI");
        open();

        submitWith(WRONG_ECI);
        assertThat(alert("check the ECI")).startsWith("Not changed: no pico with the market ruleset answers on this "
                + "channel at its host, engine " + engine).endsWith("the pico's policy is unchanged");

        submitWith(otherEci);
        assertThat(alert("another pico")).isEqualTo("Not changed: this channel opens another pico, not " + did
                + ": give one of this pico's ECIs; the pico's policy is unchanged");

        type("minAvailability", "1.5");
        submitWith(eci);
        assertThat(alert("minAvailability")).startsWith("Not changed: policy: the placement policy is not valid: "
                + "constraints.minAvailability");
        assertThat(Axe.seriousViolations(browser.driver)).isEmpty();
        browser.screenshot("pico-policy-refused");

        assertThat(host.policy(eci)).isEqualTo(before);
        assertThat(host.policy(otherEci).isNull()).as("the other pico's policy").isTrue();
    }

    private String openLease(Credentials key) throws Exception {
        chain.anvil.call("anvil_setBalance", key.getAddress(), "0x8ac7230489e80000");
        chain.as(DevAccounts.DEPLOYER).as(key).escrow(chain.deployment.escrow())
                .openLease(BigInteger.valueOf(engine), ANY_PRICE, TestChain.ether("0.01")).send();
        return new PicoDid(chain.deployment.chainId(), key.getAddress()).toString();
    }

    private static String privateKey(Credentials key) {
        return "0x" + Numeric.toHexStringNoPrefixZeroPadded(key.getEcKeyPair().getPrivateKey(), 64);
    }

    private String path() {
        return "/api/picos/" + URLEncoder.encode(did, StandardCharsets.UTF_8);
    }

    private void open() {
        browser.driver.get("about:blank"); // the same URL again would keep the page as the last test left it
        browser.driver.get(directory.baseUrl() + "/#/picos/" + did);
        new WebDriverWait(browser.driver, Duration.ofSeconds(15))
                .until(d -> d.findElements(By.id("policy-change")).stream().findFirst().orElse(null));
    }

    private WebElement field(String name) {
        return browser.driver.findElement(By.cssSelector("#policy-change [name='" + name + "']"));
    }

    private void type(String name, String value) {
        field(name).clear();
        field(name).sendKeys(value);
    }

    private void submitWith(String channel) {
        type("eci", channel);
        browser.driver.findElement(By.cssSelector("#policy-change button[type='submit']")).click();
    }

    /** The alert's text, once it says {@code expected}. */
    private String alert(String expected) {
        return new WebDriverWait(browser.driver, Duration.ofSeconds(30)).withMessage(() -> "the answer says: "
                + browser.driver.findElement(By.id("policy-change-answer")).getText()).until(d -> d
                .findElements(By.cssSelector("#policy-change-answer [role='alert']")).stream()
                .map(WebElement::getText).filter(t -> t.contains(expected)).findFirst().orElse(null));
    }

    private String text(String id) {
        return browser.driver.findElement(By.id(id)).getText();
    }

    private long number(String script) {
        return ((Number) browser.driver.executeScript(script)).longValue();
    }
}
