package org.picomesh.agent.market;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import org.picomesh.agent.AgentProperties;
import org.picomesh.agent.advert.AdvertCheck;
import org.picomesh.contracts.ChainConnection;
import org.picomesh.contracts.generated.EngineRegistry;
import org.picomesh.contracts.placement.PlacementPolicy;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * A pico's first lease on its policy's terms: the most it pays per hour is its policy's maximum (the engine's price
 * when the policy sets none), its deposit pays the policy's prepaid period ahead (never less than the market's
 * minimum), and the engine's advert is checked against the registry's hash before the pico pays anything.
 */
@Component
class PolicyLease {
    private final MarketEnrolment enrolment;
    private final AdvertCheck adverts;
    private final EngineRegistry registry;
    private final RentTerms terms;
    private final ChainConnection chain;
    private final long engineId;

    PolicyLease(MarketEnrolment enrolment, AdvertCheck adverts, EngineRegistry registry, RentTerms terms,
            ChainConnection chain, AgentProperties properties) {
        this.enrolment = enrolment;
        this.adverts = adverts;
        this.registry = registry;
        this.terms = terms;
        this.chain = chain;
        this.engineId = properties.engineId();
    }

    Map<String, Object> open(String address, PlacementPolicy policy) {
        AdvertCheck.Checked engine;
        try {
            engine = adverts.check(engineId);
        } catch (AdvertCheck.Mismatch e) {
            throw new MarketRefusal(HttpStatus.SERVICE_UNAVAILABLE, "not paying: " + e.getMessage());
        }
        BigInteger price = engine.engine().pricePerHour;
        String max = policy.constraints().maxPrice();
        BigInteger maxPrice = max == null ? price : new BigInteger(max);
        if (price.compareTo(maxPrice) > 0) {
            throw new MarketRefusal(HttpStatus.UNPROCESSABLE_ENTITY, "engine " + engineId + " asks " + price
                    + " wei an hour, above the policy's maximum " + maxPrice + ": no lease opened");
        }
        long prepaid = Math.max(policy.prepaidSeconds(), minimumPrepaid());
        BigInteger deposit = new RentPlan(price, prepaid).deposit();
        BigInteger balance = balance(address);
        if (balance.compareTo(deposit) <= 0) { // not one transaction sent that could only fail
            throw new MarketRefusal(HttpStatus.PAYMENT_REQUIRED, "the pico's account " + address + " holds " + balance
                    + " wei; its first lease needs a deposit of " + deposit + " wei (" + prepaid + " s at " + price
                    + " wei an hour) and gas: its owner funds it");
        }
        terms.setPrepaid(address, prepaid);
        Map<String, Object> answer = new LinkedHashMap<>(enrolment.openLease(address, maxPrice, deposit));
        answer.put("maxPrice", maxPrice.toString());
        answer.put("prepaidSeconds", prepaid);
        return answer;
    }

    private BigInteger balance(String address) {
        try {
            return chain.web3j().ethGetBalance(address, DefaultBlockParameterName.LATEST).send().getBalance();
        } catch (Exception e) {
            throw new MarketRefusal(HttpStatus.SERVICE_UNAVAILABLE, "cannot read the balance of the pico's account: "
                    + e.getMessage());
        }
    }

    private long minimumPrepaid() {
        try {
            return registry.parameters().send().minPrepaidPeriod.longValueExact();
        } catch (Exception e) {
            throw new MarketRefusal(HttpStatus.SERVICE_UNAVAILABLE, "cannot read the market's parameters: "
                    + e.getMessage());
        }
    }
}
