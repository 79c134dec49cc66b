package org.picomesh.agent.migration;

import java.math.BigInteger;
import java.util.List;
import org.picomesh.agent.AgentMesh;
import org.picomesh.contracts.generated.LeaseEscrow;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/** A pico's money as the chain has it: its account's balance, its lease, the gas it paid; and the chain's clock. */
final class PicoLedger {
    private final AgentMesh mesh;
    private final LeaseEscrow escrow;

    PicoLedger(AgentMesh mesh) {
        this.mesh = mesh;
        this.escrow = mesh.pico(1); // any account reads
    }

    BigInteger balance(String address) throws Exception {
        return mesh.balance(address);
    }

    LeaseEscrow.LeaseView lease(String pico) throws Exception {
        return escrow.currentLease(pico).send();
    }

    /** The deposit of the pico's lease now; zero while the chain cannot be read. */
    BigInteger deposit(String pico) {
        try {
            return lease(pico).deposit;
        } catch (Exception e) {
            return BigInteger.ZERO;
        }
    }

    /** What the transaction that opened lease {@code leaseId} cost its sender in gas. */
    BigInteger gasPaidToOpen(long leaseId) throws Exception {
        EthFilter filter = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST,
                escrow.getContractAddress());
        filter.addSingleTopic(EventEncoder.encode(LeaseEscrow.LEASEOPENED_EVENT));
        filter.addSingleTopic(Numeric.toHexStringWithPrefixZeroPadded(BigInteger.valueOf(leaseId), 64));
        List<EthLog.LogResult> logs = mesh.web3j().ethGetLogs(filter).send().getLogs();
        if (logs.size() != 1) {
            throw new AssertionError("lease " + leaseId + " opened " + logs.size() + " times");
        }
        String tx = ((EthLog.LogObject) logs.get(0)).getTransactionHash();
        TransactionReceipt receipt = mesh.web3j().ethGetTransactionReceipt(tx).send().getTransactionReceipt()
                .orElseThrow();
        return receipt.getGasUsed().multiply(Numeric.decodeQuantity(receipt.getEffectiveGasPrice()));
    }

    /** Moves the chain's clock on by {@code seconds} and mines a block. */
    void warp(long seconds) {
        mesh.anvil.call("evm_increaseTime", seconds);
        mesh.anvil.call("evm_mine");
    }
}
