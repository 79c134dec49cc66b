package org.picomesh.contracts.devnet;

import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.MnemonicUtils;

/**
 * The accounts anvil funds on a dev chain, derived from the public test mnemonic every Ethereum dev tool
 * uses. Never use them anywhere but a local chain: their keys are public knowledge.
 */
public final class DevAccounts {
    public static final int COUNT = 10;
    /** Deploys the market and holds its admin role. */
    public static final int DEPLOYER = 0;
    /** Holds the arbiter role on the dev chain. */
    public static final int ARBITER = 8;
    /** Receives the treasury's share of slashes on the dev chain. */
    public static final int TREASURY = 9;

    private static final String MNEMONIC = "test test test test test test test test test test test junk";
    private static final Bip32ECKeyPair MASTER = Bip32ECKeyPair.generateKeyPair(MnemonicUtils.generateSeed(MNEMONIC, ""));

    private DevAccounts() {}

    /** The credentials of account {@code index} (m/44'/60'/0'/0/index). */
    public static Credentials account(int index) {
        if (index < 0 || index >= COUNT) {
            throw new IllegalArgumentException("dev accounts are 0 to " + (COUNT - 1) + ", not " + index);
        }
        int[] path = {44 | Bip32ECKeyPair.HARDENED_BIT, 60 | Bip32ECKeyPair.HARDENED_BIT, Bip32ECKeyPair.HARDENED_BIT, 0, index};
        return Credentials.create(Bip32ECKeyPair.deriveKeyPair(MASTER, path));
    }
}
