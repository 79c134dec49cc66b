package org.picomesh.agent.market;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the agent keeps its picos' rent paid ({@code picomesh.agent.rent.*}).
 *
 * @param interval how often every hosted pico's lease is looked at
 * @param topUpShare a lease is topped up once less than this share of its prepaid period is left
 * @param topUpGas the gas a top-up is counted at when the agent asks whether the pico's account can pay for it
 */
@ConfigurationProperties("picomesh.agent.rent")
record RentProperties(
        @DefaultValue("30s") Duration interval,
        @DefaultValue("0.25") double topUpShare,
        @DefaultValue("80000") long topUpGas) {}
