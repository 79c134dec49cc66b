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
import org.web3j.utils.Numeric;
import tools.jackson.databind.JsonNode;

/**
 * An engine whose advert holds NUL, which no PostgreSQL text can: the directory keeps the advert's exact bytes, so
 * the API and the engine page (real Chromium) verify it against the hash the registry holds on a real chain, and the
 * page shows every NUL as a visible mark, the markup around it as text.
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

    @BeforeAll
    void start() throws Exception {
        chain = new TestChain();
        directory = Directory.start(chain.deployment, TestDatabase.fresh(), Map.of("picomesh.api.list-cache-ttl", "0s"));
        advert = new EngineRegistry.Advert(ENDPOINT, DID, BigInteger.TEN.pow(15), BigInteger.valueOf(30),
                BigInteger.valueOf(4), REGION, "bafy\0cid", SampleAdverts.encryptionKey(1));
        id = chain.register(1, advert, "1");
        Directory.await("the engine to be indexed", Duration.ofSeconds(20),
                () -> directory.getRaw("/api/engines/" + id).statusCode() == 200);
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
}
