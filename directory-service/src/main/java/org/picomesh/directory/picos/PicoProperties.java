package org.picomesh.directory.picos;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a pico's page asks its host, and how a new policy is passed on to it.
 *
 * @param hostReportTtl how long a host's report (or its silence) is reused before the host is asked again
 * @param hostReportCacheSize the most reports kept at once (the least recently read go first)
 * @param policyChangesAtOnce the most policies passed on to hosts at the same time (more are answered 503): the
 *     directory is not a free relay for load on strangers' engines
 */
@ConfigurationProperties("picomesh.picos")
record PicoProperties(@DefaultValue("30s") Duration hostReportTtl, @DefaultValue("1000") int hostReportCacheSize,
        @DefaultValue("8") int policyChangesAtOnce) {}
