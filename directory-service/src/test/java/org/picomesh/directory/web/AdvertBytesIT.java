package org.picomesh.directory.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.picomesh.contracts.devnet.SampleAdverts;
import org.picomesh.contracts.generated.EngineRegistry;
import org.picomesh.directory.support.Browser;
import org.picomesh.directory.support.Directory;
import org.picomesh.directory.support.TestChain;
import org.picomesh.directory.support.TestDatabase;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;
import tools.jackson.databind.JsonNode;

/**
 * An engine whose advert holds NUL, which no PostgreSQL text can, and one whose advert holds bytes that are not UTF-8
 * at all (sent as raw calldata): the directory keeps each advert's exact bytes, so the API and the engine page (real
 * Chromium) verify it against the hash the registry holds on a real chain, and the page shows every NUL as a visible
 * mark, each bad sequence as U+FFFD, the markup around them as text.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdvertBytesIT {
    private static final String ENDPOINT = "https://nul.example/\0path";
    private static final String DID = "did:web:nul.example\0<img src=x onerror=alert(1)>";
    private static final String REGION = "eu\0west";
    private EngineRegistry.Advert advert;
    private TestChain chain;
    private Directory directory;
    private Browser browser;
    private long id;
    /** Stands in for the bytes that are not UTF-8 while the advert is encoded; as long as they are. */
    private static final String PLACEHOLDER = "#bytes#";
    private static final byte[] NOT_UTF8 = {(byte) 0xc3, '(', (byte) 0xff, (byte) 0xed, (byte) 0xa0, (byte) 0x80, (byte) 0xe2};
    private byte[] notUtf8Advert;
    private long notUtf8Id;

    @BeforeAll
    void start() throws Exception {
        chain = new TestChain();
        directory = Directory.start(chain.deployment, TestDatabase.fresh(), Map.of("picomesh.api.list-cache-ttl", "0s"));
        advert = new EngineRegistry.Advert(ENDPOINT, DID, BigInteger.TEN.pow(15), BigInteger.valueOf(30),
                BigInteger.valueOf(4), REGION, "bafy\0cid", SampleAdverts.encryptionKey(1));
        id = chain.register(1, advert, "1");
        notUtf8Id = chain.register(2, SampleAdverts.advert("https://bad.example", 2, 4), "1");
        notUtf8Advert = chain.updateAdvertWithBytes(2, notUtf8Id, new EngineRegistry.Advert("https://bad.example/" + PLACEHOLDER,
                "did:web:bad.example", BigInteger.TEN.pow(15), BigInteger.valueOf(30), BigInteger.valueOf(4),
                "eu-" + PLACEHOLDER, "", SampleAdverts.encryptionKey(2)), PLACEHOLDER, NOT_UTF8);
        Directory.await("the engines and the advert that is not UTF-8 to be indexed", Duration.ofSeconds(20),
                () -> directory.getRaw("/api/engines/" + id).statusCode() == 200
                        && directory.getRaw("/api/engines/" + notUtf8Id).body().contains("bad.example/"));
        browser = new Browser();
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
    void theApiGivesTheAdvertsExactBytesWhichHashToWhatTheRegistryHolds() throws Exception {
        String body = directory.getRaw("/api/engines/" + id).body();
        assertThat(body).as("NUL only ever escaped in the JSON").doesNotContain("\0");
        JsonNode engine = Directory.json(directory.getRaw("/api/engines/" + id));
        byte[] onChain = chain.registry(1).hashAdvert(advert).send();
        assertThat(engine.path("advertHash").asString()).isEqualTo(Numeric.toHexString(onChain));
        assertThat(engine.path("advertVerified").asBoolean()).isTrue();
        String nulPath = Numeric.toHexStringNoPrefix("/\0path".getBytes(StandardCharsets.UTF_8));
        assertThat(engine.path("advertEncoded").asString()).contains(nulPath);
        // the text columns, which lists filter on, hold U+FFFD where the bytes hold NUL
        assertThat(engine.at("/summary/endpoint").asString()).isEqualTo("https://nul.example/\uFFFDpath");
    }

    @Test
    void theEnginePageVerifiesTheAdvertAndShowsEachNulAsAVisibleMark() {
        browser.driver.get(directory.baseUrl() + "/#/engines/" + id);
        WebElement verify = new WebDriverWait(browser.driver, Duration.ofSeconds(15))
                .until(d -> d.findElements(By.cssSelector(".verify")).stream().findFirst().orElse(null));
        assertThat(verify.getAttribute("data-verified")).isEqualTo("true");
        assertThat(verify.getText()).startsWith("✓");
        String facts = browser.driver.findElement(By.cssSelector("dl.facts")).getText();
        assertThat(facts).contains("https://nul.example/␀path").contains("did:web:nul.example␀<img src=x onerror=alert(1)>")
                .contains("eu␀west").contains("bafy␀cid").doesNotContain("\0").doesNotContain("\uFFFD");
        assertThat(browser.driver.findElements(By.cssSelector("main img"))).isEmpty();
        assertThat(browser.driver.findElements(By.xpath("//dd//a[contains(@href, 'nul.example')]")))
                .as("an endpoint holding NUL is no link").isEmpty();
        browser.screenshot("engine-nul-advert");
    }

    @Test
    void anAdvertThatIsNotUtf8KeepsItsExactBytesWhichHashToWhatTheRegistryHolds() throws Exception {
        JsonNode engine = Directory.json(directory.getRaw("/api/engines/" + notUtf8Id));
        byte[] onChain = chain.registry(2).engine(BigInteger.valueOf(notUtf8Id)).send().advertHash;
        assertThat(engine.path("advertHash").asString()).isEqualTo(Numeric.toHexString(onChain))
                .isEqualTo(Numeric.toHexString(Hash.sha3(notUtf8Advert)));
        assertThat(engine.path("advertEncoded").asString()).isEqualTo(Numeric.toHexString(notUtf8Advert));
        assertThat(engine.path("advertVerified").asBoolean()).isTrue();
        assertThat(engine.at("/summary/endpoint").asString()).as("text shows each bad sequence as U+FFFD")
                .startsWith("https://bad.example/\uFFFD(\uFFFD");
    }

    @Test
    void theEnginePageVerifiesAnAdvertThatIsNotUtf8AndShowsItsBadBytesAsReplacementCharacters() {
        browser.driver.get(directory.baseUrl() + "/#/engines/" + notUtf8Id);
        WebElement verify = new WebDriverWait(browser.driver, Duration.ofSeconds(15))
                .until(d -> d.findElements(By.cssSelector(".verify")).stream().findFirst().orElse(null));
        assertThat(verify.getAttribute("data-verified")).isEqualTo("true");
        String facts = browser.driver.findElement(By.cssSelector("dl.facts")).getText();
        assertThat(facts).contains("https://bad.example/\uFFFD(\uFFFD").contains("eu-\uFFFD(\uFFFD");
        assertThat(browser.driver.findElements(By.xpath("//dd//a[contains(@href, 'bad.example')]")))
                .as("an endpoint shown with replacement characters is not the one published: no link").isEmpty();
        browser.screenshot("engine-not-utf8-advert");
    }
}
