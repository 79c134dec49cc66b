-- Reorganisations at market scale (issue 14): a rewind undoes only what the dropped blocks changed, instead of
-- emptying every derived table and folding the whole history in again.

-- Engine and lease rows as they were before a block changed them: one row per (block, engine or lease) for the
-- blocks a reorganisation may still drop (the follower's deepest reorg below the head). A rewind to block A puts
-- back, for each row, the image of its first change above A (the row as it was at A), or deletes the row when it
-- did not exist then. Older images are pruned as the index moves on.
create table engine_undo (
    block_number bigint not null,
    existed      boolean not null,
    like engine including defaults,
    primary key (block_number, id)
);
create table lease_undo (
    block_number bigint not null,
    existed      boolean not null,
    like lease including defaults,
    primary key (block_number, id)
);

-- Every block above undo_since has its images above: a rewind to a lower block (a database indexed before this
-- version) rebuilds from the whole history as before.
alter table indexer_checkpoint add column undo_since bigint not null default -1;
update indexer_checkpoint set undo_since = block_number;

-- Parameters and trust lists change rarely: a rewind re-derives the few names and (list, engine) pairs the
-- dropped blocks changed from their latest kept event, found through these small indexes.
create index chain_event_parameter on chain_event ((payload->>'name'), block_number, log_index)
    where kind = 'ParameterChanged';
create index chain_event_trust on chain_event (engine_id, block_number, log_index)
    where kind = 'TrustListChanged';

-- Fencing for takeovers: each instance that takes the indexer lock takes the next token, and every checkpoint
-- write first locks this row with the token it holds. An instance whose lock session died while another took
-- over can then never write over the new indexer's progress: its token is no longer the current one, and a
-- write that locked the row first commits before the takeover's increment goes through.
create table indexer_fence (
    id    smallint primary key check (id = 1),
    token bigint not null
);
insert into indexer_fence (id, token) values (1, 0);
