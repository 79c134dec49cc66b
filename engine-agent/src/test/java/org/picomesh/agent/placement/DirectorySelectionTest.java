package org.picomesh.agent.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.picomesh.contracts.placement.Ranking;

/** The agent asks the directory a bounded number of times, over real HTTP, and trusts no answer's size. */
class DirectorySelectionTest {
    private static final String ANSWER = """
            {"candidates":[{"id":2,"endpoint":"http://e2.example","region":"eu","score":0.9,"currentHost":false,
              "factors":{"cost":{"value":1,"weight":1,"share":1,"source":"onchain"}}}],
             "excluded":[{"id":3,"endpoint":"http://e3.example","reasons":["price 9 is above the maximum 5"]}],
             "excludedTotal":1,"considered":2}""";
    private final Deque<Integer> statuses = new ArrayDeque<>();
    private final AtomicInteger asked = new AtomicInteger();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void readsTheDirectorysRankingAfterAFailedAttempt() throws Exception {
        statuses.add(503);
        DirectorySelection directory = start(ANSWER, 2);

        Ranking.Result result = directory.select("{}");

        assertThat(result.best().id()).isEqualTo(2);
        assertThat(result.best().factors().get("cost").source()).isEqualTo("onchain");
        assertThat(result.excluded()).singleElement().extracting(Ranking.Excluded::reasons).asList()
                .containsExactly("price 9 is above the maximum 5");
        assertThat(asked).hasValue(2);
    }

    @Test
    void givesUpAfterItsAttemptsSayingWhatTheLastOneGot() throws Exception {
        statuses.add(500);
        statuses.add(500);
        statuses.add(500);
        DirectorySelection directory = start(ANSWER, 2);

        var e = catchThrowableOfType(DirectorySelection.Unavailable.class, () -> directory.select("{}"));

        assertThat(e.getMessage()).contains("2 attempts").contains("status 500");
        assertThat(asked).hasValue(2);
    }

    @Test
    void refusesAnAnswerLargerThanAnyRanking() throws Exception {
        DirectorySelection directory = start("{\"candidates\":[],\"pad\":\"" + "x".repeat(DirectorySelection.MAX_ANSWER)
                + "\"}", 1);

        var e = catchThrowableOfType(DirectorySelection.Unavailable.class, () -> directory.select("{}"));

        assertThat(e.getMessage()).contains("over " + DirectorySelection.MAX_ANSWER + " bytes");
    }

    @Test
    void withoutADirectoryConfiguredNothingIsAsked() {
        DirectorySelection none = new DirectorySelection(new DirectoryProperties(null, Duration.ofSeconds(1), 2,
                Duration.ZERO));

        assertThat(none.configured()).isFalse();
        assertThat(catchThrowableOfType(DirectorySelection.Unavailable.class, () -> none.select("{}")).getMessage())
                .isEqualTo("no directory configured");
    }

    private DirectorySelection start(String answer, int attempts) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/select", exchange -> {
            asked.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            Integer status = statuses.poll();
            byte[] body = (status == null ? answer : "{\"detail\":\"down\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status == null ? 200 : status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return new DirectorySelection(new DirectoryProperties(URI.create("http://127.0.0.1:"
                + server.getAddress().getPort()), Duration.ofSeconds(5), attempts, Duration.ofMillis(10)));
    }
}
