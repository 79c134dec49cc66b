package org.picomesh.agent.bench;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.picomesh.agent.AgentMesh;
import org.picomesh.contracts.devnet.DevAccounts;
import org.picomesh.contracts.devnet.SampleAdverts;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * Registers many engines fast, as the directory's bench does: signed transactions in JSON-RPC batches with automine
 * off, one block mined per batch. Their adverts vary in price (1-50 samples), capacity (1-20) and region.
 */
final class RegistrationLoad {
    private static final int PER_BLOCK = 100;
    private static final BigInteger GAS_PRICE = BigInteger.valueOf(50_000_000_000L);

    private RegistrationLoad() {}

    static void register(AgentMesh mesh, int engines) throws Exception {
        Web3j web3j = Web3j.build(new HttpService(mesh.anvil.rpcUrl()));
        Credentials operator = DevAccounts.account(AgentMesh.OPERATOR);
        BigInteger nonce = web3j.ethGetTransactionCount(operator.getAddress(), DefaultBlockParameterName.PENDING).send()
                .getTransactionCount();
        mesh.anvil.call("evm_setAutomine", false);
        try {
            List<String> batch = new ArrayList<>();
            for (int n = 1; n <= engines; n++) {
                String data = FunctionEncoder.encode(new Function("register",
                        List.of(SampleAdverts.advert("https://engine-" + n + ".bench.example", n % 50 + 1, 1 + n % 20)),
                        List.of()));
                RawTransaction tx = RawTransaction.createTransaction(nonce, GAS_PRICE, BigInteger.valueOf(300_000),
                        mesh.deployment.registry(), AgentMesh.ether("1"), data);
                nonce = nonce.add(BigInteger.ONE);
                batch.add(Numeric.toHexString(TransactionEncoder.signMessage(tx, mesh.deployment.chainId(), operator)));
                if (batch.size() >= PER_BLOCK || n == engines) {
                    send(web3j, mesh, batch);
                }
            }
        } finally {
            mesh.anvil.call("evm_setAutomine", true);
            web3j.shutdown();
        }
    }

    private static void send(Web3j web3j, AgentMesh mesh, List<String> batch) throws Exception {
        BatchRequest request = web3j.newBatch();
        batch.forEach(tx -> request.add(web3j.ethSendRawTransaction(tx)));
        request.send().getResponses().stream().filter(r -> r.hasError()).findFirst().ifPresent(r -> {
            throw new IllegalStateException("a bench registration was refused: " + r.getError().getMessage());
        });
        mesh.anvil.call("evm_mine");
        batch.clear();
    }
}
