-- The leases on this agent's engine, from their opening to their last claim: what the agent claims from.
create table hosted_lease (
    id           bigint primary key,
    pico         text not null,
    opened_block bigint not null,
    ended_block  bigint,
    settled      boolean not null default false,
    version      bigint not null default 0
);
create index hosted_lease_unsettled on hosted_lease (id) where not settled;

-- Every claim the agent sent: when, how much, for what gas.
create table claim (
    tx_hash    text primary key,
    leases     int not null,
    amount     numeric(78) not null,
    gas_used   bigint not null,
    gas_price  numeric(78) not null,
    claimed_at timestamptz not null default now()
);
