package org.picomesh.agent.bench;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.picomesh.contracts.devnet.DevAccounts;
import org.picomesh.contracts.generated.EngineRegistry;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/**
 * From a challenge's opening transaction mined (its receipt in the challenger's hands) to the agent's answer mined
 * (the bench reads {@code challenge(id).deadline == 0} every 10 ms), for challenges opened one after another by one
 * challenger. Each is opened after the previous one was answered and a random pause of up to a second: opened right
 * after an answer, every challenge would arrive at the same moment of the agent's poll cycle (just after the tick that
 * answered) and each would wait a whole poll; the pause spreads them over the cycle, as real challengers are.
 *
 * <p>Why the state and not the {@code ChallengeAnswered} log's block time: anvil's block timestamps are whole seconds,
 * too coarse for a two-second target. The logs are read afterwards to check that the agent answered every one.
 */
final class ChallengeLatency {
    private static final long READ_EVERY_MILLIS = 10;
    private static final long GIVE_UP_NANOS = 30_000_000_000L;
    private static final int MAX_PAUSE_MILLIS = 1_000;

    /** Seconds from each opening's receipt to its answer seen mined, in the order opened. */
    record Result(List<Double> seconds, List<Double> sendSeconds) {}

    private final BenchMesh mesh;
    private final EngineRegistry challenger;
    private final BigInteger bond;
    private final Random pauses = new Random(11);

    ChallengeLatency(BenchMesh mesh) throws Exception {
        this.mesh = mesh;
        this.challenger = mesh.registry(BenchMesh.CHALLENGER);
        this.bond = challenger.parameters().send().challengeBond;
    }

    /** Opens {@code count} challenges one after another and times each answer. */
    Result measure(int count) throws Exception {
        List<Double> seconds = new ArrayList<>();
        List<Double> sends = new ArrayList<>();
        List<BigInteger> ids = new ArrayList<>();
        long firstBlock = mesh.chain().web3j().ethBlockNumber().send().getBlockNumber().longValueExact() + 1;
        for (int n = 0; n < count; n++) {
            Thread.sleep(pauses.nextInt(MAX_PAUSE_MILLIS));
            long send = System.nanoTime();
            var receipt = challenger.openChallenge(BigInteger.valueOf(mesh.engineId), bond).send();
            long mined = System.nanoTime();
            BigInteger id = challenger.getChallengeOpenedEvents(receipt).get(0).challengeId;
            awaitAnswer(id, mined);
            seconds.add((System.nanoTime() - mined) / 1e9);
            sends.add((mined - send) / 1e9);
            ids.add(id);
        }
        checkAnsweredByTheAgent(ids, firstBlock);
        return new Result(seconds, sends);
    }

    private void awaitAnswer(BigInteger id, long mined) throws Exception {
        while (challenger.challenge(id).send().deadline.signum() != 0) {
            if (System.nanoTime() - mined > GIVE_UP_NANOS) {
                throw new IllegalStateException("challenge " + id + " not answered within "
                        + GIVE_UP_NANOS / 1_000_000_000 + " s: is the agent running and its engine answering?");
            }
            Thread.sleep(READ_EVERY_MILLIS);
        }
    }

    /** Every challenge closed by a ChallengeAnswered log of the agent's key, none executed. */
    private void checkAnsweredByTheAgent(List<BigInteger> ids, long fromBlock) throws Exception {
        EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(fromBlock)),
                DefaultBlockParameterName.LATEST, mesh.registryAddress())
                .addSingleTopic(EventEncoder.encode(EngineRegistry.CHALLENGEANSWERED_EVENT));
        List<BigInteger> answered = new ArrayList<>();
        String agent = DevAccounts.account(BenchMesh.AGENT).getAddress();
        for (EthLog.LogResult<?> result : mesh.chain().web3j().ethGetLogs(filter).send().getLogs()) {
            var event = EngineRegistry.getChallengeAnsweredEventFromLog((Log) result.get());
            if (event.by.equalsIgnoreCase(agent)) {
                answered.add(event.challengeId);
            }
        }
        if (!answered.containsAll(ids)) {
            throw new IllegalStateException("the chain has answers by the agent to " + answered.size() + " of "
                    + ids.size() + " challenges");
        }
    }
}
