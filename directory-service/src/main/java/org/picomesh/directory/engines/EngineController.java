package org.picomesh.directory.engines;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Search engines, and everything known about one. */
@RestController
@RequestMapping("/api/engines")
class EngineController {
    private final EngineSearch search;
    private final EngineDetails details;

    EngineController(EngineSearch search, EngineDetails details) {
        this.search = search;
        this.details = details;
    }

    /**
     * Engines matching the filters, one page in the given order. Prices and stakes are decimal strings of wei.
     */
    @GetMapping
    EngineSearch.Page list(
            @RequestParam(required = false) String maxPrice,
            @RequestParam(required = false) Integer minFreeCapacity,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) Double maxLatencyMs,
            @RequestParam(required = false) String minStake,
            @RequestParam(required = false) Double minAvailability,
            @RequestParam(required = false) Long trustList,
            @RequestParam(required = false) String status,
            @RequestParam(name = "q", required = false) String text,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return search.search(EngineQuery.of(maxPrice, minFreeCapacity, region, maxLatencyMs, minStake, minAvailability,
                trustList, status, text, sort, limit, cursor));
    }

    @GetMapping("/{id}")
    EngineDetails.Engine engine(@PathVariable long id) {
        return details.find(id);
    }
}
