package org.picomesh.directory.probes;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How engines are measured.
 *
 * @param enabled whether this instance probes (only while it is the indexer, so engines are probed once)
 * @param interval the pause between rounds
 * @param timeout connect and response timeout of one probe
 * @param concurrency probes under way at once (10,000 engines answering in 100 ms need about 35 for a 30 s round)
 * @param maxResponseBytes a larger answer fails the probe
 * @param allowLoopback probe engines on 127.0.0.0/8 and ::1 (a dev chain's engines are there); a denied range wins
 * @param deniedRanges address ranges never probed (CIDR): private, link-local and other internal ranges
 * @param sampleRetention how long raw samples are kept (an engine page's recent probes)
 * @param hourRetention how long the per-hour roll-ups behind the 1 h, 24 h and 7 d figures are kept
 * @param flushInterval how often measured probes are written, in one batch
 * @param statsRefresh how often an engine's 7 d figures are computed again (its 1 h and 24 h ones: every probe)
 */
@ConfigurationProperties("picomesh.probes")
public record ProbeProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("30s") Duration interval,
        @DefaultValue("3s") Duration timeout,
        @DefaultValue("64") int concurrency,
        @DefaultValue("65536") int maxResponseBytes,
        @DefaultValue("false") boolean allowLoopback,
        @DefaultValue({"0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "169.254.0.0/16", "172.16.0.0/12", "192.168.0.0/16",
                "224.0.0.0/4", "240.0.0.0/4", "fc00::/7", "fe80::/10", "ff00::/8"}) List<String> deniedRanges,
        @DefaultValue("2h") Duration sampleRetention,
        @DefaultValue("8d") Duration hourRetention,
        @DefaultValue("1s") Duration flushInterval,
        @DefaultValue("10m") Duration statsRefresh) {}
