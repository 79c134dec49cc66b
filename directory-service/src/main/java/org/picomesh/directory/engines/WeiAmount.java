package org.picomesh.directory.engines;

import java.math.BigInteger;
import org.picomesh.directory.api.BadRequestException;

/** Wei amounts as clients send them: decimal strings, since they do not fit a JavaScript number. */
public final class WeiAmount {
    private WeiAmount() {}

    /** The amount, or null when absent; a 400 naming the parameter when it is not a whole number of wei. */
    public static BigInteger parse(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            BigInteger wei = new BigInteger(value.strip());
            if (wei.signum() < 0 || wei.bitLength() > 256) {
                throw new BadRequestException(name + " must be a whole number of wei from 0 to 2^256-1");
            }
            return wei;
        } catch (NumberFormatException e) {
            throw new BadRequestException(name + " must be a whole number of wei, not '" + value + "'");
        }
    }
}
