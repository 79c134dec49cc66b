-- Contracts v2: a pico is an account (leases are keyed by its address, its DID follows from it), moves are
-- two-phase (a pending move holds a slot on the target), an engine has an operator, an agent and a payout address,
-- halts when its own unbonding or a slash takes it below the minimum stake, and may have several open challenges.
-- Nothing was deployed for real under v1: the derived tables are rebuilt from the v2 events, so existing rows go.

truncate chain_block, chain_event, indexer_checkpoint, engine, lease, trust_list, trust_list_engine,
    market_parameter;

drop view engine_listing;

alter table engine add column agent text not null default '';
alter table engine add column payout text not null default '';
alter table engine add column pending_operator text;
alter table engine add column encryption_key text not null default '';
alter table engine add column halted boolean not null default false;
alter table engine add column epoch int not null default 0;
alter table engine add column open_challenges int not null default 0;
comment on column engine.challenge_deadline is 'the latest deadline of an open challenge, null when none is open';
comment on column engine.active_leases is 'active leases and pending moves to the engine: the slots taken';

alter table lease rename column payer to pico;
alter table lease drop column pico_did;
alter table lease drop column pico_did_hash;
alter table lease add column epoch int not null default 0;
alter table lease add column paid numeric(78) not null default 0;
alter table lease add column move_to bigint;
alter table lease add column move_price numeric(78);
alter table lease add column move_deadline bigint;
alter table lease drop constraint lease_status_check;
alter table lease add constraint lease_status_check check (status in ('active', 'closed', 'moved', 'exhausted', 'stopped'));
create index lease_pico on lease (pico, id);

create view engine_listing as
select e.*,
       e.source_block <= c.block                   as confirmed,
       e.stake >= m.value and not e.halted         as listed,
       greatest(e.capacity - e.active_leases, 0)   as free_capacity,
       case
           when e.source_block > c.block then 'pending'
           when e.unbonding > 0 then 'unbonding'
           when e.stake >= m.value and not e.halted then 'listed'
           when e.slashed > 0 then 'slashed'
           else 'delisted'
       end                                         as status
from engine e,
     confirmed_head c,
     lateral (select coalesce((select value from market_parameter where name = 'minStake'), 0) as value) m;

-- A pico's page reads the moves of its leases; an engine's page also shows its halts and key changes.
create index chain_event_moves on chain_event (lease_id, block_number)
    where kind in ('MoveRequested', 'MoveAccepted', 'MoveRejected', 'MoveExpired', 'MoveCancelled');
drop index chain_event_engine_history;
create index chain_event_engine_history on chain_event (engine_id, block_number)
    where kind in ('EngineRegistered', 'StakeAdded', 'UnbondRequested', 'StakeWithdrawn', 'EngineSlashed',
                   'ChallengeOpened', 'ChallengeAnswered', 'ChallengeExecuted', 'EngineHalted', 'EngineResumed',
                   'AgentChanged', 'PayoutAddressChanged', 'OperatorTransferred');
