package org.picomesh.directory.engines;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RecentPagesTest {
    private final AtomicInteger computed = new AtomicInteger();
    /** The pages' clock, moved by the tests: no test waits for time to pass. */
    private final AtomicLong nanos = new AtomicLong();

    @Test
    void answersARepeatedListFromMemoryWithoutReachingTheController() throws Exception {
        RecentPages pages = new RecentPages(Duration.ofMinutes(1), nanos::get);

        MockHttpServletResponse first = get(pages, "sort=-stake&limit=50");
        MockHttpServletResponse second = get(pages, "sort=-stake&limit=50");

        assertThat(computed).hasValue(1);
        assertThat(second.getContentAsString()).isEqualTo(first.getContentAsString()).isEqualTo("page 1");
        assertThat(second.getContentType()).isEqualTo("application/json");
        assertThat(get(pages, "sort=price").getContentAsString()).isEqualTo("page 2");
    }

    @Test
    void anExpiredPageIsRecomputedByOneRequestWhileTheOthersGetThePreviousOne() throws Exception {
        RecentPages pages = new RecentPages(Duration.ofMillis(200), nanos::get);
        get(pages, "q=x");
        nanos.addAndGet(Duration.ofMillis(250).toNanos());

        MockHttpServletResponse refreshing = new MockHttpServletResponse();
        MockHttpServletResponse meanwhile = new MockHttpServletResponse();
        pages.doFilter(request("q=x"), refreshing, (req, res) -> {
            // while this request recomputes, another one asks for the same page
            pages.doFilter(request("q=x"), meanwhile, (r, s) -> computed.incrementAndGet());
            serve(pages, (HttpServletRequest) req, (MockHttpServletResponse) res);
        });

        assertThat(meanwhile.getContentAsString()).isEqualTo("page 1");
        assertThat(refreshing.getContentAsString()).isEqualTo("page 2");
        assertThat(get(pages, "q=x").getContentAsString()).isEqualTo("page 2");
    }

    @Test
    void aPageIsRecomputedOnceTwoPeriodsHavePassed() throws Exception {
        RecentPages pages = new RecentPages(Duration.ofMillis(200), nanos::get);
        get(pages, "q=y");
        nanos.addAndGet(Duration.ofMillis(150).toNanos());
        assertThat(get(pages, "q=y").getContentAsString()).isEqualTo("page 1");

        nanos.addAndGet(Duration.ofMillis(300).toNanos());
        assertThat(get(pages, "q=y").getContentAsString()).isEqualTo("page 2");
    }

    @Test
    void neverCachesWhatTheControllerDidNotComputeNorOtherPathsNorWhenOff() throws Exception {
        RecentPages pages = new RecentPages(Duration.ofMinutes(1), nanos::get);
        MockHttpServletRequest refused = request("limit=lots");
        pages.doFilter(refused, new MockHttpServletResponse(), (req, res) -> ((MockHttpServletResponse) res).setStatus(400));
        get(pages, "limit=lots");
        assertThat(computed).hasValue(1);

        MockHttpServletRequest engine = request("");
        engine.setRequestURI("/api/engines/7");
        assertThat(pages.shouldNotFilter(engine)).isTrue();
        assertThat(new RecentPages(Duration.ZERO, nanos::get).shouldNotFilter(request(""))).isTrue();
    }

    private MockHttpServletResponse get(RecentPages pages, String query) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        pages.doFilter(request(query), response, (req, res) -> serve(pages, (HttpServletRequest) req,
                (MockHttpServletResponse) res));
        return response;
    }

    /** What the controller does: compute the page, remember it, send it. */
    private void serve(RecentPages pages, HttpServletRequest request, MockHttpServletResponse response) throws java.io.IOException {
        byte[] page = ("page " + computed.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
        pages.remember(request, page);
        response.setContentType("application/json");
        response.getOutputStream().write(page);
    }

    private static MockHttpServletRequest request(String query) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", RecentPages.PATH);
        request.setQueryString(query);
        return request;
    }
}
