package org.picomesh.agent.snapshot;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves stored snapshots as an IPFS trustless gateway does ({@code GET /ipfs/{cid}}): a CAR of the whole DAG for
 * {@code Accept: application/vnd.ipld.car} (or {@code ?format=car}), one block for {@code application/vnd.ipld.raw}
 * (or {@code ?format=raw}). Only verifiable answers: a client checks every byte against the CID it asked for, so
 * the target of a move need not trust the source. Errors are RFC 9457 problems.
 */
@RestController
class TrustlessGatewayController {
    static final MediaType CAR = MediaType.parseMediaType("application/vnd.ipld.car");
    static final MediaType RAW = MediaType.parseMediaType("application/vnd.ipld.raw");
    private static final String CAR_TYPE = "application/vnd.ipld.car; version=1; order=dfs; dups=y";

    private final SnapshotStore store;
    private final ObjectProvider<SnapshotAccess> access;

    TrustlessGatewayController(SnapshotStore store, ObjectProvider<SnapshotAccess> access) {
        this.store = store;
        this.access = access;
    }

    @GetMapping("/ipfs/{cid}")
    void get(@PathVariable String cid, @RequestParam(required = false) String format,
            @RequestHeader(name = "Accept", required = false) String accept, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        MediaType wanted = wanted(format, accept);
        Cid asked = parse(cid);
        SnapshotStore.Located located = store.locate(asked)
                .orElseThrow(() -> problem(HttpStatus.NOT_FOUND, "no snapshot or block " + asked + " here"));
        if (!access.getIfAvailable(() -> SnapshotAccess.ALLOW_ALL).mayFetch(located.root(), request)) {
            throw problem(HttpStatus.FORBIDDEN, "not allowed to fetch " + asked);
        }
        boolean car = wanted.equals(CAR);
        if (car && !located.root().equals(asked)) {
            throw problem(HttpStatus.NOT_FOUND, asked + " is a block of a snapshot, not a snapshot: ask for it raw");
        }
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Ipfs-Path", "/ipfs/" + asked);
        // A snapshot is sealed to one agent; no shared cache should keep it for others.
        response.setHeader("Cache-Control", "private, no-transform");
        response.setContentType(car ? CAR_TYPE : RAW.toString());
        if (car) {
            response.setContentLengthLong(CarWriter.length(located.dag()));
        }
        try (OutputStream out = response.getOutputStream()) {
            if (car) {
                CarWriter.write(located.dag(), store.file(located.root()), out);
            } else {
                CarWriter.writeBlock(located.node(), store.file(located.root()), out);
            }
        }
    }

    private static MediaType wanted(String format, String accept) {
        if ("car".equals(format)) {
            return CAR;
        }
        if ("raw".equals(format)) {
            return RAW;
        }
        try {
            for (MediaType type : MediaType.parseMediaTypes(accept)) {
                if (type.equalsTypeAndSubtype(CAR) || type.equalsTypeAndSubtype(RAW)) {
                    return type.equalsTypeAndSubtype(CAR) ? CAR : RAW;
                }
            }
        } catch (InvalidMediaTypeException e) {
            throw problem(HttpStatus.BAD_REQUEST, "an Accept header that does not parse");
        }
        throw problem(HttpStatus.NOT_ACCEPTABLE, "a trustless gateway: ask for application/vnd.ipld.car or "
                + "application/vnd.ipld.raw");
    }

    private static Cid parse(String cid) {
        try {
            return Cid.parse(cid);
        } catch (MalformedCidException e) {
            throw problem(HttpStatus.BAD_REQUEST, "not a CID: " + e.getMessage());
        }
    }

    private static ErrorResponseException problem(HttpStatus status, String detail) {
        ErrorResponseException problem = new ErrorResponseException(status);
        problem.setDetail(detail);
        return problem;
    }
}
