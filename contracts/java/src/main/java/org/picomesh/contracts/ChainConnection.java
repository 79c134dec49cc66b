package org.picomesh.contracts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.picomesh.contracts.generated.EngineRegistry;
import org.picomesh.contracts.generated.LeaseEscrow;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * A signing connection to a chain: Web3j with a poll interval fit for the chain, a transaction manager that
 * decodes reverts before sending, and typed access to the market's contracts.
 */
public final class ChainConnection implements AutoCloseable {
    /** Receipts are polled at most this many times before giving up. */
    private static final int RECEIPT_ATTEMPTS = 600;
    /** Calls from a read-only connection come from the zero address. */
    private static final String READER = "0x0000000000000000000000000000000000000000";

    private final Web3j web3j;
    private final ScheduledExecutorService scheduler;
    private final String address;
    private final long chainId;
    private final TransactionManager transactions;
    private final ContractGasProvider gas;
    private final Duration poll;
    /** Whether closing this connection shuts the client down (a connection made by {@link #as} shares it). */
    private final boolean ownsClient;

    private ChainConnection(Web3j web3j, ScheduledExecutorService scheduler, Credentials credentials, long chainId,
            Duration poll, boolean ownsClient) {
        this.web3j = web3j;
        this.scheduler = scheduler;
        this.chainId = chainId;
        this.poll = poll;
        this.ownsClient = ownsClient;
        if (credentials == null) {
            this.address = null;
            this.transactions = new ReadonlyTransactionManager(web3j, READER);
        } else {
            this.address = credentials.getAddress();
            var receipts = new PollingTransactionReceiptProcessor(web3j, poll.toMillis(), RECEIPT_ATTEMPTS);
            this.transactions = new RevertDecodingTransactionManager(web3j, credentials, chainId, receipts);
        }
        this.gas = new ChainGasProvider(web3j);
    }

    /** A connection that only reads: no key needed, every transaction refused. */
    public static ChainConnection readOnly(String rpcUrl) {
        return open(rpcUrl, null, Duration.ofSeconds(1));
    }

    /**
     * Connects and reads the chain id.
     *
     * @param credentials the signer, or {@code null} for a connection that only reads
     * @param poll how often to poll for receipts and filters: 50 ms on a dev chain, about a second elsewhere
     */
    public static ChainConnection open(String rpcUrl, Credentials credentials, Duration poll) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "web3j-poll");
            thread.setDaemon(true);
            return thread;
        });
        Web3j web3j = Web3j.build(new HttpService(rpcUrl), poll.toMillis(), scheduler);
        try {
            long chainId = web3j.ethChainId().send().getChainId().longValueExact();
            return new ChainConnection(web3j, scheduler, credentials, chainId, poll, true);
        } catch (IOException e) {
            web3j.shutdown();
            throw new UncheckedIOException("cannot reach the chain node at " + rpcUrl, e);
        }
    }

    /** Another signer on the same client and chain; closing it leaves this connection open. */
    public ChainConnection as(Credentials credentials) {
        return new ChainConnection(web3j, scheduler, credentials, chainId, poll, false);
    }

    public EngineRegistry registry(String address) {
        return EngineRegistry.load(address, web3j, transactions, gas);
    }

    public LeaseEscrow escrow(String address) {
        return LeaseEscrow.load(address, web3j, transactions, gas);
    }

    public Web3j web3j() {
        return web3j;
    }

    public TransactionManager transactions() {
        return transactions;
    }

    public ContractGasProvider gas() {
        return gas;
    }

    /** The address transactions are signed by, or {@code null} when the connection only reads. */
    public String address() {
        return address;
    }

    public long chainId() {
        return chainId;
    }

    @Override
    public void close() {
        if (!ownsClient) {
            return;
        }
        web3j.shutdown();
        scheduler.shutdownNow();
    }
}
