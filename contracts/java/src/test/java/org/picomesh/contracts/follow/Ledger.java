package org.picomesh.contracts.follow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.picomesh.contracts.events.MarketLog;
import org.web3j.protocol.Web3j;

/**
 * What a caller of the follower keeps, in memory: its checkpoint, the hashes of the blocks the follower named,
 * and the events it applied. Applies each step as the follower's contract asks, and checks the step keeps it.
 */
final class Ledger {
    /** Steps to reach the head before a test gives up: the follower must get there. */
    private static final int MAX_STEPS = 10_000;

    final LogFollower follower;
    final TreeMap<Long, String> hashes = new TreeMap<>();
    final List<Located<MarketEvent>> events = new ArrayList<>();
    Optional<ChainPosition> checkpoint = Optional.empty();

    Ledger(Web3j web3j, FollowSettings settings) {
        this(web3j, settings, logs -> null);
    }

    /** With {@code prepare} run on each range's logs as it is read (with read-ahead, on a reader thread). */
    Ledger(Web3j web3j, FollowSettings settings, Function<List<MarketLog>, ?> prepare) {
        follower = new LogFollower(web3j, settings, number -> Optional.ofNullable(hashes.get(number)), prepare);
    }

    /** Asks for the next step and applies it. */
    Step step() {
        Step step = follower.next(checkpoint);
        if (step instanceof Step.Events found) {
            apply(found);
        } else if (step instanceof Step.Rewind rewind) {
            long to = rewind.to().number();
            events.removeIf(event -> event.blockNumber() > to);
            hashes.tailMap(to, false).clear();
            checkpoint = Optional.of(rewind.to());
        }
        return step;
    }

    /**
     * Steps until the follower is at the head, taking after each range the ranges that follow it, as a caller
     * streaming them into one transaction does.
     */
    void streamToHead() {
        for (int i = 0; i < MAX_STEPS; i++) {
            Step step = step();
            if (step instanceof Step.AtHead) {
                return;
            }
            if (step instanceof Step.Events found) {
                for (var next = follower.following(found); next.isPresent(); next = follower.following(next.get())) {
                    apply(next.get());
                }
            }
        }
        throw new AssertionError("the follower did not reach the head in " + MAX_STEPS + " steps");
    }

    private void apply(Step.Events found) {
        assertThat(found.from()).isEqualTo(checkpoint.map(c -> c.number() + 1).orElse(found.from()));
        assertThat(found.blocks()).contains(found.to());
        found.events().forEach(e -> assertThat(found.blocks()).contains(e.block()));
        events.addAll(found.events());
        found.blocks().forEach(block -> hashes.put(block.number(), block.hash()));
        checkpoint = Optional.of(found.to());
    }

    /** Steps until the follower is at the head; the steps taken, the last one {@link Step.AtHead}. */
    List<Step> followToHead() {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < MAX_STEPS; i++) {
            Step step = step();
            steps.add(step);
            if (step instanceof Step.AtHead) {
                return steps;
            }
        }
        throw new AssertionError("the follower did not reach the head in " + MAX_STEPS + " steps");
    }

    <T extends MarketEvent> List<T> all(Class<T> kind) {
        return events.stream().map(Located::event).filter(kind::isInstance).map(kind::cast).toList();
    }
}
