-- The directory's mirror of the market's contracts. Every row derived from the chain carries the block it
-- came from (number and hash) and whether that block is confirmed; chain_event is the source of the other
-- tables, which are rebuilt from it after a reorganisation.

create table chain_block (
    number      bigint primary key,
    hash        text not null,
    parent_hash text not null
);

create table indexer_checkpoint (
    id           smallint primary key check (id = 1),
    block_number bigint not null,
    block_hash   text not null,
    updated_at   timestamptz not null default now()
);

create table chain_event (
    block_number bigint not null,
    log_index    int not null,
    block_hash   text not null,
    tx_hash      text not null,
    kind         text not null,
    engine_id    bigint,
    lease_id     bigint,
    payload      json not null,
    confirmed    boolean not null,
    primary key (block_number, log_index)
);
create index chain_event_engine on chain_event (engine_id, block_number);
create index chain_event_lease on chain_event (lease_id);
-- the confirmation sweep after every batch visits only what is still pending
create index chain_event_pending on chain_event (block_number) where not confirmed;

create table market_parameter (
    name              text primary key,
    value             numeric(78) not null,
    source_block      bigint not null,
    source_block_hash text not null
);

create table engine (
    id                      bigint primary key,
    operator                text not null,
    endpoint                text not null,
    did                     text not null,
    region                  text not null,
    metadata_cid            text not null,
    price_per_hour          numeric(78) not null,
    latency_ms              bigint not null,
    capacity                bigint not null,
    advert_hash             text not null,
    stake                   numeric(78) not null,
    unbonding               numeric(78) not null,
    unlock_at               bigint,
    slashed                 numeric(78) not null,
    active_leases           int not null,
    challenge_deadline      bigint,
    registered_block        bigint not null,
    source_block            bigint not null,
    source_block_hash       text not null,
    confirmed               boolean not null,
    -- measured by this directory: copied from probe_stats so that lists filter and sort without a join
    last_probed_at          timestamptz,
    last_ok                 boolean,
    p50_ms_24h              double precision,
    p95_ms_24h              double precision,
    availability_24h        double precision
);
create index engine_price on engine (price_per_hour, id);
create index engine_stake on engine (stake, id);
create index engine_region on engine (region);
create index engine_pending on engine (source_block) where not confirmed;
create index engine_latency on engine ((cast(coalesce(p50_ms_24h, 1e12) as numeric)), id);
create index engine_availability on engine ((cast(coalesce(availability_24h, -1) as numeric)), id);

create table lease (
    id                bigint primary key,
    engine_id         bigint not null,
    payer             text not null,
    pico_did          text not null,
    pico_did_hash     text not null,
    deposit           numeric(78) not null,
    price_per_hour    numeric(78) not null,
    status            text not null check (status in ('active', 'closed', 'moved')),
    opened_block      bigint not null,
    ended_block       bigint,
    moved_to          bigint,
    source_block      bigint not null,
    source_block_hash text not null,
    confirmed         boolean not null
);
create index lease_engine on lease (engine_id, status);
create index lease_pico on lease (pico_did);
create index lease_pending on lease (source_block) where not confirmed;

create table trust_list (
    id                bigint primary key,
    curator           text not null,
    name              text not null,
    source_block      bigint not null,
    source_block_hash text not null
);

create table trust_list_engine (
    list_id   bigint not null references trust_list (id) on delete cascade,
    engine_id bigint not null,
    primary key (list_id, engine_id)
);
create index trust_list_engine_engine on trust_list_engine (engine_id);

-- Measured by this directory, not derived from the chain: kept across reorganisations.
create table probe_sample (
    id         bigserial primary key,
    engine_id  bigint not null,
    probed_at  timestamptz not null,
    ok         boolean not null,
    latency_ms double precision,
    error      text
);
create index probe_sample_engine on probe_sample (engine_id, probed_at);

-- Rolled up from probe_sample after every probe, so that filters and sorts on measured figures stay cheap.
create table probe_stats (
    engine_id        bigint primary key,
    last_probed_at   timestamptz not null,
    last_ok          boolean not null,
    p50_ms_1h        double precision,
    p95_ms_1h        double precision,
    availability_1h  double precision,
    p50_ms_24h       double precision,
    p95_ms_24h       double precision,
    availability_24h double precision,
    p50_ms_7d        double precision,
    p95_ms_7d        double precision,
    availability_7d  double precision,
    samples_7d       int not null
);

-- What the API lists: an engine with its derived status and free capacity. No join, so that a filtered,
-- sorted page is an index scan that stops after one page.
create view engine_listing as
select e.*,
       e.stake >= m.value                          as listed,
       greatest(e.capacity - e.active_leases, 0)   as free_capacity,
       case
           when not e.confirmed then 'pending'
           when e.unbonding > 0 then 'unbonding'
           when e.stake >= m.value then 'listed'
           when e.slashed > 0 then 'slashed'
           else 'delisted'
       end                                         as status
from engine e,
     lateral (select coalesce((select value from market_parameter where name = 'minStake'), 0) as value) m;
