package org.picomesh.agent.operator;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * An amount of ether as people type it: {@code 0.5eth}, {@code 2gwei}, {@code 1000000000wei}, or a bare number of
 * ether. Exact or refused: no exponents, no signs, nothing finer than a wei.
 */
record Wei(BigInteger value) {
    static final String FORMS = "write it as 0.5eth, 2gwei or 1000000000wei (a bare number is ether)";
    private static final Pattern AMOUNT = Pattern.compile("(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*([a-z]*)");
    private static final BigInteger MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

    private enum Unit {
        ETH(18), GWEI(9), WEI(0);

        final int decimals;

        Unit(int decimals) {
            this.decimals = decimals;
        }

        static Unit of(String suffix) {
            return switch (suffix) {
                case "", "eth", "ether" -> ETH;
                case "gwei" -> GWEI;
                case "wei" -> WEI;
                default -> null;
            };
        }
    }

    /** Parses an amount, or fails with a message that names the input and the accepted forms. */
    static Wei parse(String text) {
        Matcher m = AMOUNT.matcher(text == null ? "" : text.strip().toLowerCase(Locale.ROOT));
        Unit unit = m.matches() ? Unit.of(m.group(2)) : null;
        if (unit == null) {
            throw refused(text, "not an amount");
        }
        BigDecimal number = new BigDecimal(m.group(1));
        if (number.scale() > unit.decimals) {
            throw refused(text, unit == Unit.WEI ? "a wei cannot be divided"
                    : "at most " + unit.decimals + " decimals of " + unit.name().toLowerCase(Locale.ROOT));
        }
        BigInteger wei = number.movePointRight(unit.decimals).toBigIntegerExact();
        if (wei.compareTo(MAX) > 0) {
            throw refused(text, "more than a uint256 of wei");
        }
        return new Wei(wei);
    }

    static Wei of(BigInteger wei) {
        return new Wei(wei);
    }

    private static IllegalArgumentException refused(String text, String why) {
        String what = why.startsWith("not") ? why : "refused (" + why + ")";
        return new IllegalArgumentException("'" + text + "' is " + what + ": " + FORMS);
    }

    /** In ether, as people read it: {@code 0.5 ETH}. */
    @Override
    public String toString() {
        return Amounts.ether(value);
    }

    /** For picocli: a malformed amount is a usage error (exit code 2), reported before anything is sent. */
    static final class Converter implements ITypeConverter<Wei> {
        @Override
        public Wei convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
