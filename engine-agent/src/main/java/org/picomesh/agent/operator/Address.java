package org.picomesh.agent.operator;

import org.web3j.crypto.Keys;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * An account address as typed: 0x and 40 hex digits. A mixed-case address carries an EIP-55 checksum, which must
 * hold: a mistyped digit is caught before anything is named or paid.
 */
record Address(String hex) {
    static Address parse(String text) {
        String s = text == null ? "" : text.strip();
        if (!s.matches("0x[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException("'" + text + "' is not an account address (0x and 40 hex digits)");
        }
        boolean mixedCase = !s.substring(2).equals(s.substring(2).toLowerCase())
                && !s.substring(2).equals(s.substring(2).toUpperCase());
        if (mixedCase && !Keys.toChecksumAddress(s).equals(s)) {
            throw new IllegalArgumentException("'" + text + "' fails its EIP-55 checksum: a digit or its case is "
                    + "wrong");
        }
        return new Address(s);
    }

    @Override
    public String toString() {
        return hex;
    }

    static final class Converter implements ITypeConverter<Address> {
        @Override
        public Address convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
