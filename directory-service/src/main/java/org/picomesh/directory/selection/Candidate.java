package org.picomesh.directory.selection;

import java.math.BigInteger;

/** An engine as placement sees it: the numbers it filters and scores by. */
record Candidate(long id, String status, String endpoint, String region, BigInteger price, BigInteger stake,
        long freeCapacity, long advertisedLatencyMs, Double measuredLatencyMs, Double availability) {}
