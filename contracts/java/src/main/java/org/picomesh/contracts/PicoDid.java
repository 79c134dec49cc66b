package org.picomesh.contracts;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pico's identity in the market: its account's address on a chain, written as a {@code did:pkh} DID
 * ({@code did:pkh:eip155:<chainId>:<address>}). The escrow keys leases by the address, and only that account can open
 * or move its lease, so the DID cannot be claimed by anyone else.
 *
 * @param chainId the chain the account lives on
 * @param address the account's address, lower-case hex with 0x
 */
public record PicoDid(long chainId, String address) {
    private static final Pattern DID = Pattern.compile("did:pkh:eip155:([1-9][0-9]{0,17}):(0x[0-9a-fA-F]{40})");
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

    public PicoDid {
        if (chainId <= 0) {
            throw new IllegalArgumentException("a chain id is positive, not " + chainId);
        }
        if (address == null || !ADDRESS.matcher(address).matches()) {
            throw new IllegalArgumentException("not an account address (0x and 40 hex digits): " + address);
        }
        address = address.toLowerCase(Locale.ROOT);
    }

    /** Parses {@code did:pkh:eip155:<chainId>:<address>}, failing with a message that shows the expected form. */
    public static PicoDid parse(String did) {
        Matcher m = did == null || did.length() > 100 ? null : DID.matcher(did);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException(
                    "a pico DID has the form did:pkh:eip155:<chainId>:<0x address>, for example "
                            + "did:pkh:eip155:31337:0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
        }
        return new PicoDid(Long.parseLong(m.group(1)), m.group(2));
    }

    @Override
    public String toString() {
        return "did:pkh:eip155:" + chainId + ":" + address;
    }
}
