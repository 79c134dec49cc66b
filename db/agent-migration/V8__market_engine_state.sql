-- Every engine's registry state as the chain changed it, the trust lists and the market's parameters: what the agent
-- needs, beside market_advert, to choose a pico's host from the chain alone when the directory does not answer.
-- Append-only, one row per change at its place on the chain, so a reorganisation forgets the rows of dropped blocks
-- and the last row left is the state in force.

-- An engine's state after an event that changed it (registration, stake, unbonding, slash, halt, a lease or a pending
-- move taking or giving back a slot). One event can change two engines (a move's source and target).
create table market_engine_state (
    block_number  bigint not null,
    log_index     int not null,
    engine_id     bigint not null,
    stake         numeric(78) not null,
    unbonding     numeric(78) not null,
    slashed       numeric(78) not null,
    halted        boolean not null,
    active_leases int not null,
    primary key (block_number, log_index, engine_id)
);
create index market_engine_state_engine on market_engine_state (engine_id, block_number desc, log_index desc);

-- Trust-list membership changes (TrustListChanged): the last row of a (list, engine) pair is in force.
create table market_trust (
    block_number bigint not null,
    log_index    int not null,
    list_id      bigint not null,
    engine_id    bigint not null,
    trusted      boolean not null,
    primary key (block_number, log_index)
);

-- The market's parameters as they took effect (ParameterChanged), such as minStake.
create table market_parameter (
    block_number bigint not null,
    log_index    int not null,
    name         text not null,
    value        numeric(78) not null,
    primary key (block_number, log_index)
);
