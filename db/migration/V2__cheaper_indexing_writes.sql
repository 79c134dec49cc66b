-- Indexes that cost the indexer less per row written, found by timing a backfill of 50,000 events
-- (BENCHMARKS.md, third session).

-- Most events name an engine and few a lease: the rest need no entry in these indexes. Every lookup compares
-- the id with =, which implies "is not null", so the partial indexes serve the same queries.
drop index chain_event_engine;
create index chain_event_engine on chain_event (engine_id, block_number) where engine_id is not null;
drop index chain_event_lease;
create index chain_event_lease on chain_event (lease_id) where lease_id is not null;

-- The measured sort keys as double precision: converting a double to numeric for every row written cost more
-- than the rest of those indexes.
drop index engine_latency;
create index engine_latency on engine ((coalesce(p50_ms_24h, 1e12)), id);
drop index engine_availability;
create index engine_availability on engine ((coalesce(availability_24h, -1)), id);

-- A handful of regions: a region filter reads the rows of a sort's index anyway, and this index cost every new
-- engine a tenth of its insert.
drop index engine_region;

-- The confirmation sweep finds unconfirmed engines by this index; keyed by id instead of source_block, it no
-- longer stops PostgreSQL from updating in place (HOT) the rows whose events only moved their source block,
-- such as lease counts and challenge deadlines.
drop index engine_pending;
create index engine_pending on engine (id) where not confirmed;
