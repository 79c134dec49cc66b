-- Whether a row is confirmed follows from its block and the confirmed head, so it is no longer stored on every
-- row: confirming a block used to rewrite every row from it (each event twice on a chain with a confirmation
-- depth) and kept three partial indexes up to date on every insert. The checkpoint now holds the confirmed head;
-- rows at or below it are confirmed.

alter table indexer_checkpoint add column confirmed_block bigint;
update indexer_checkpoint set confirmed_block =
    coalesce((select min(block_number) - 1 from chain_event where not confirmed), block_number);
alter table indexer_checkpoint alter column confirmed_block set not null;

drop view engine_listing;
-- each drop takes the column's pending-rows index with it
alter table chain_event drop column confirmed;
alter table engine drop column confirmed;
alter table lease drop column confirmed;

-- The confirmed head as one row, for joins: -1 (nothing confirmed) before the first checkpoint.
create view confirmed_head as
select coalesce((select confirmed_block from indexer_checkpoint where id = 1), -1) as block;

create view engine_listing as
select e.*,
       e.source_block <= c.block                   as confirmed,
       e.stake >= m.value                          as listed,
       greatest(e.capacity - e.active_leases, 0)   as free_capacity,
       case
           when e.source_block > c.block then 'pending'
           when e.unbonding > 0 then 'unbonding'
           when e.stake >= m.value then 'listed'
           when e.slashed > 0 then 'slashed'
           else 'delisted'
       end                                         as status
from engine e,
     confirmed_head c,
     lateral (select coalesce((select value from market_parameter where name = 'minStake'), 0) as value) m;

-- Nothing reads events by lease (leases have their own table), and an engine's page reads only these kinds of
-- its events: the index no longer grows with every advert and listing change. A query must name its kinds as
-- literals within this list for PostgreSQL to use it (EngineDetails, EngineHistoryIT).
drop index chain_event_lease;
drop index chain_event_engine;
create index chain_event_engine_history on chain_event (engine_id, block_number)
    where kind in ('EngineRegistered', 'StakeAdded', 'UnbondRequested', 'StakeWithdrawn', 'EngineSlashed',
                   'ChallengeOpened', 'ChallengeAnswered', 'ChallengeExecuted');
