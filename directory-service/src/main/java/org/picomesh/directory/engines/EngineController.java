package org.picomesh.directory.engines;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Search engines, and everything known about one. */
@RestController
@RequestMapping("/api/engines")
class EngineController {
    private final EngineIndex index;
    private final EngineDetails details;
    private final RecentPages recent;
    private final ListJson json;

    EngineController(EngineIndex index, EngineDetails details, RecentPages recent, ListJson json) {
        this.index = index;
        this.details = details;
        this.recent = recent;
        this.json = json;
    }

    /**
     * Engines matching the filters, one page in the given order, from the in-memory {@link EngineIndex}. Prices and
     * stakes are decimal strings of wei.
     * A page asked for again within 250 ms is served by {@link RecentPages} without reaching this method.
     */
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = EngineSearch.Page.class)))
    ResponseEntity<byte[]> list(
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
            @RequestParam(required = false) String cursor,
            HttpServletRequest request) {
        EngineQuery query = EngineQuery.of(maxPrice, minFreeCapacity, region, maxLatencyMs, minStake, minAvailability,
                trustList, status, text, sort, limit, cursor);
        Listing listing = index.listing();
        byte[] page = json.page(listing, ListingSearch.find(listing, query));
        recent.remember(request, page);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(page);
    }

    @GetMapping("/{id}")
    EngineDetails.Engine engine(@PathVariable long id) {
        return details.find(id);
    }
}
