-- Why each hosted lease ended, and the engine's adverts as the chain published them: what the agent keeps its advert
-- truthful from (capacity from the picos it really hosts, latency it measures) without touching the other fields.

-- closed, moved, exhausted or stopped (the escrow's EndReason); null while the lease is active, and for leases that
-- ended before the agent recorded reasons.
alter table hosted_lease add column end_reason text
    check (end_reason in ('closed', 'moved', 'exhausted', 'stopped'));
create index hosted_lease_active on hosted_lease (id) where ended_block is null;

-- Every engine's AdvertPublished, in chain order (the last one of an engine is its advert in force). The registry
-- keeps only the advert's hash: these strings, written by whoever held the operator or agent key, are the rest of it.
-- The agent re-publishes its own engine's from here (advert), and a move reads a target's snapshot key and a source's
-- gateway from here (migration).
create table market_advert (
    block_number   bigint not null,
    log_index      int not null,
    engine_id      bigint not null,
    advert_hash    text not null,
    endpoint       text not null,
    did            text not null,
    price_per_hour numeric(78) not null,
    latency_ms     bigint not null,
    capacity       bigint not null,
    region         text not null,
    metadata_cid   text not null,
    encryption_key text not null,
    primary key (block_number, log_index)
);
create index market_advert_engine on market_advert (engine_id, block_number desc, log_index desc);
