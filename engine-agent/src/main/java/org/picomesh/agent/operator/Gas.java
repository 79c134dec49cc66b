package org.picomesh.agent.operator;

/**
 * What each transaction of the command line costs in gas, for the help. From the receipts of {@code ./mesh bench gas}
 * (BENCHMARKS.md, the contracts v2 table) where it has the operation; the others measured by OperatorCliIT on anvil.
 * The fee is the gas times the gas price of the moment, paid by the key that signs.
 */
final class Gas {
    static final String REGISTER = "about 115,100 gas for a typical advert (127,100 with every field at its limit)";
    static final String UPDATE = "about 49,700 gas for a typical advert (61,800 with every field at its limit)";
    static final String ADD_STAKE = "about 33,900 gas";
    static final String UNBOND = "about 42,100 gas";
    static final String WITHDRAW = "about 40,700 gas";
    static final String SET_AGENT = "about 48,100 gas";
    /** Not in the gas bench: measured by OperatorCliIT. */
    static final String SET_PAYOUT = "about 48,100 gas";
    /** Not in the gas bench: measured by OperatorCliIT. */
    static final String ANSWER_CHALLENGE = "about 58,600 gas";
    static final String CLAIM = "about 55,900 gas for one lease, about 11,100 more for each further lease of the claim";
    static final String NOTHING = "Costs: nothing (it reads only, no transaction is sent).";

    private Gas() {}
}
