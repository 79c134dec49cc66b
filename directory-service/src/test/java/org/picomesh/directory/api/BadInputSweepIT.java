package org.picomesh.directory.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.picomesh.contracts.devnet.SampleAdverts;
import org.picomesh.directory.api.BadInputs.BadInput;
import org.picomesh.directory.support.Directory;
import org.picomesh.directory.support.RawHttp;
import org.picomesh.directory.support.TestChain;
import org.picomesh.directory.support.TestDatabase;
import org.slf4j.LoggerFactory;

/**
 * A few hundred bad requests, over real HTTP to a running directory (its servlet container included), each
 * answered with a 4xx as an RFC 9457 problem whose detail says what was wrong, and none logged as an error.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputSweepIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private TestChain chain;
    private Directory directory;
    private RawHttp http;

    @BeforeAll
    void start() throws Exception {
        chain = new TestChain();
        directory = Directory.start(chain.deployment, TestDatabase.fresh(), Map.of());
        long engine = chain.register(1, SampleAdverts.advert("https://sweep.example", 1, 4), "1");
        Directory.await("the engine to be indexed", Duration.ofSeconds(20),
                () -> directory.getRaw("/api/engines/" + engine).statusCode() == 200);
        http = new RawHttp(directory.baseUrl());
        log.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(log);
    }

    @AfterAll
    void stop() {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(log);
        if (directory != null) {
            directory.close();
        }
        if (chain != null) {
            chain.close();
        }
    }

    @Test
    void theTableHoldsAtLeastThreeHundredCases() {
        assertThat(BadInputs.all()).hasSizeGreaterThanOrEqualTo(300);
    }

    @TestFactory
    Stream<DynamicTest> everyBadInputIsAClientErrorThatSaysWhatIsWrong() {
        List<BadInput> cases = BadInputs.all();
        System.out.println("bad-input sweep: " + cases.size() + " cases");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private void check(BadInput input) throws Exception {
        int errorsBefore = errors().size();
        RawHttp.Answer answer = http.send(input.requestLine(), input.head(), input.body());
        String shown = input.name() + " -> " + answer.status() + " " + answer.contentType() + " "
                + BadInputs.shown(answer.body().replace('\n', ' '));
        assertThat(answer.status()).as(shown).isBetween(400, 499);
        assertThat(answer.contentType()).as(shown).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.path("status").asInt()).as(shown).isEqualTo(answer.status());
        assertThat(problem.path("title").asText()).as(shown).isNotBlank();
        String detail = problem.path("detail").asText();
        System.out.println(input.name() + " -> " + answer.status() + ": " + detail);
        assertThat(detail).as(shown).hasSizeGreaterThan(10).doesNotContain("Exception", "\tat ", "org.");
        if (input.names() != null) {
            assertThat(detail).as(shown).containsIgnoringCase(input.names());
        }
        assertThat(errors().subList(errorsBefore, errors().size())).as(shown + ": logged as an error")
                .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
    }

    private List<ILoggingEvent> errors() {
        synchronized (log) { // the appender appends under its own lock
            return log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR)).toList();
        }
    }
}
