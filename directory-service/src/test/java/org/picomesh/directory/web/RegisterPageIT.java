package org.picomesh.directory.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.picomesh.contracts.devnet.DevAccounts;
import org.picomesh.contracts.devnet.SampleAdverts;
import org.picomesh.directory.support.Browser;
import org.picomesh.directory.support.Directory;
import org.picomesh.directory.support.TestChain;
import org.picomesh.directory.support.TestDatabase;

/**
 * Registering an engine from the web page through an EIP-1193 wallet: a test provider injected into the page
 * before it loads forwards every request to anvil, whose dev accounts sign (a stand-in for MetaMask, which
 * cannot run here).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegisterPageIT {
    /** An agent's X25519 public key as the form takes it (the agent prints its own). */
    private static final String AGENT_KEY = "0x" + "5a".repeat(32);
    private TestChain chain;
    private Directory directory;
    private Browser browser;

    @BeforeAll
    void start() throws Exception {
        chain = new TestChain();
        directory = Directory.start(chain.deployment, TestDatabase.fresh(), Map.of());
        browser = new Browser();
        String account = DevAccounts.account(7).getAddress();
        // The stand-in wallet fetches anvil from the page, which the app's connect-src 'self' forbids; MetaMask talks
        // to its extension instead. Only this test lifts the policy (AppHeadersIT checks it on every page).
        browser.driver.executeCdpCommand("Page.setBypassCSP", Map.of("enabled", true));
        browser.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                window.ethereum = {
                  async request({ method, params }) {
                    if (method === 'eth_requestAccounts' || method === 'eth_accounts') return ['%s'];
                    const response = await fetch('%s', { method: 'POST', headers: { 'Content-Type': 'application/json' },
                      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params: params ?? [] }) });
                    const json = await response.json();
                    if (json.error) { const e = new Error(json.error.message); e.code = json.error.code; e.data = json.error.data; throw e; }
                    return json.result;
                  },
                  on() {}, removeListener() {}
                };""".formatted(account, chain.anvil.rpcUrl())));
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
    void registersAnEngineAndFollowsItFromSigningToIndexed() {
        fill("https://from-the-web.example", "did:web:from-the-web.example", "2");
        WebElement done = new WebDriverWait(browser.driver, Duration.ofSeconds(30))
                .until(d -> d.findElements(By.cssSelector("#register ~ ol.progress li[data-step='indexed']")).stream()
                        .findFirst().orElse(null));
        assertThat(done).isNotNull();
        List<String> steps = browser.driver.findElements(By.cssSelector("ol.progress li")).stream().map(WebElement::getText).toList();
        assertThat(steps).anySatisfy(t -> assertThat(t).startsWith("sent: 0x")).anySatisfy(t -> assertThat(t).startsWith("mined: engine "));
        browser.screenshot("register");
        String id = browser.driver.findElement(By.cssSelector(".status a")).getText().replace("engine ", "");
        assertThat(directory.get("/api/engines/" + id).at("/summary/endpoint").asText()).isEqualTo("https://from-the-web.example");
    }

    @Test
    void addsStakeToAnEngineItOperates() throws Exception {
        long id = chain.register(7, SampleAdverts.advert("https://operated.example", 3, 2), "1");
        Directory.await("the engine to be indexed", Duration.ofSeconds(20), () -> directory.getRaw("/api/engines/" + id).statusCode() == 200);
        browser.driver.get("about:blank");
        browser.driver.get(directory.baseUrl() + "/#/register");
        WebElement form = new WebDriverWait(browser.driver, Duration.ofSeconds(10))
                .until(d -> d.findElements(By.id("operate")).stream().findFirst().orElse(null));
        form.findElement(By.name("engine")).sendKeys(String.valueOf(id));
        WebElement amount = form.findElement(By.name("amount"));
        amount.clear();
        amount.sendKeys("2.5");
        form.findElement(By.tagName("button")).click();
        new WebDriverWait(browser.driver, Duration.ofSeconds(30))
                .until(d -> !d.findElements(By.cssSelector("#operate ~ ol.progress li[data-step='indexed']")).isEmpty());
        assertThat(directory.get("/api/engines/" + id).at("/summary/stakeWei").asText()).isEqualTo("3500000000000000000");
    }

    @Test
    void showsARevertWithItsCustomErrorDecoded() {
        fill("https://too-cheap.example", "did:web:too-cheap.example", "0.5");
        WebElement error = new WebDriverWait(browser.driver, Duration.ofSeconds(30))
                .until(d -> d.findElements(By.cssSelector(".status.error")).stream().filter(WebElement::isDisplayed)
                        .findFirst().orElse(null));
        assertThat(error.getText()).contains("InsufficientStake");
        browser.screenshot("register-reverted");
    }

    @Test
    void updatesTheAdvertOfAnEngineItOperates() throws Exception {
        long id = chain.register(7, SampleAdverts.advert("https://before-update.example", 4, 2), "1");
        Directory.await("the engine to be indexed", Duration.ofSeconds(20), () -> directory.getRaw("/api/engines/" + id).statusCode() == 200);
        browser.driver.get("about:blank");
        browser.driver.get(directory.baseUrl() + "/#/register");
        WebElement advert = new WebDriverWait(browser.driver, Duration.ofSeconds(10))
                .until(d -> d.findElements(By.id("register")).stream().findFirst().orElse(null));
        advert.findElement(By.name("endpoint")).sendKeys("https://after-update.example");
        advert.findElement(By.name("did")).sendKeys("did:web:after-update.example");
        advert.findElement(By.name("encryptionKey")).sendKeys(AGENT_KEY);
        WebElement operate = browser.driver.findElement(By.id("operate"));
        operate.findElement(By.name("engine")).sendKeys(String.valueOf(id));
        new org.openqa.selenium.support.ui.Select(operate.findElement(By.name("action"))).selectByValue("updateAdvert");
        operate.findElement(By.tagName("button")).click();
        new WebDriverWait(browser.driver, Duration.ofSeconds(30))
                .until(d -> !d.findElements(By.cssSelector("#operate ~ ol.progress li[data-step='indexed']")).isEmpty());
        assertThat(directory.get("/api/engines/" + id).at("/summary/endpoint").asText()).isEqualTo("https://after-update.example");
    }

    @Test
    void refusesAnAdvertWithoutAWellFormedEncryptionKeyBeforeTheWallet() {
        browser.driver.get("about:blank");
        browser.driver.get(directory.baseUrl() + "/#/register");
        WebElement form = new WebDriverWait(browser.driver, Duration.ofSeconds(10))
                .until(d -> d.findElements(By.id("register")).stream().findFirst().orElse(null));
        form.findElement(By.name("endpoint")).sendKeys("https://no-key.example");
        form.findElement(By.name("encryptionKey")).sendKeys("0x1234");
        form.findElement(By.tagName("button")).click();
        WebElement error = new WebDriverWait(browser.driver, Duration.ofSeconds(15))
                .until(d -> d.findElements(By.cssSelector(".status.error")).stream().filter(WebElement::isDisplayed)
                        .findFirst().orElse(null));
        assertThat(error.getText()).contains("encryption key").contains("64 hex digits");
        assertThat(browser.driver.findElements(By.cssSelector("#register ~ ol.progress li"))).isEmpty();
    }

    @Test
    void refusesAWalletOnAnotherChain() {
        browser.driver.get("about:blank");
        browser.driver.get(directory.baseUrl() + "/#/register");
        browser.driver.executeScript("""
                const forward = window.ethereum.request;
                window.ethereum.request = (args) => args.method === 'eth_chainId' ? Promise.resolve('0x1') : forward(args);""");
        WebElement form = new WebDriverWait(browser.driver, Duration.ofSeconds(10))
                .until(d -> d.findElements(By.id("register")).stream().findFirst().orElse(null));
        form.findElement(By.name("endpoint")).sendKeys("https://wrong-chain.example");
        form.findElement(By.name("encryptionKey")).sendKeys(AGENT_KEY);
        form.findElement(By.tagName("button")).click();
        WebElement error = new WebDriverWait(browser.driver, Duration.ofSeconds(15))
                .until(d -> d.findElements(By.cssSelector(".status.error")).stream().filter(WebElement::isDisplayed)
                        .findFirst().orElse(null));
        assertThat(error.getText()).contains("Your wallet is on chain 1; the market is on chain 31337");
    }

    private void fill(String endpoint, String did, String stake) {
        browser.driver.get("about:blank");
        browser.driver.get(directory.baseUrl() + "/#/register");
        WebElement form = new WebDriverWait(browser.driver, Duration.ofSeconds(10))
                .until(d -> d.findElements(By.id("register")).stream().findFirst().orElse(null));
        form.findElement(By.name("endpoint")).sendKeys(endpoint);
        form.findElement(By.name("did")).sendKeys(did);
        form.findElement(By.name("region")).sendKeys("eu-west");
        form.findElement(By.name("encryptionKey")).sendKeys(AGENT_KEY);
        WebElement stakeField = form.findElement(By.name("stake"));
        stakeField.clear();
        stakeField.sendKeys(stake);
        form.findElement(By.tagName("button")).click();
    }
}
