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
 * @param concurrency probes under way at once
 * @param maxResponseBytes a larger answer fails the probe
 * @param allowLoopback probe engines on 127.0.0.0/8 and ::1 (a dev chain's engines are there)
 * @param deniedRanges address ranges never probed (CIDR): private, link-local and other internal ranges
 * @param retention how long samples are kept
 */
@ConfigurationProperties("picomesh.probes")
public record ProbeProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("30s") Duration interval,
        @DefaultValue("3s") Duration timeout,
        @DefaultValue("8") int concurrency,
        @DefaultValue("65536") int maxResponseBytes,
        @DefaultValue("false") boolean allowLoopback,
        @DefaultValue({"0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "169.254.0.0/16", "172.16.0.0/12", "192.168.0.0/16",
                "224.0.0.0/4", "240.0.0.0/4", "fc00::/7", "fe80::/10", "ff00::/8"}) List<String> deniedRanges,
        @DefaultValue("8d") Duration retention) {}
