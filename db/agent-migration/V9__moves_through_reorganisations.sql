-- Moves through reorganisations (issue 12): the block each chain-derived step of a move came from, so that a
-- reorganisation that drops the block undoes the step, and several moves of one lease over time (a move rejected or
-- undone, then asked again: a request mined again on the new branch opens a new move while the undone one is still
-- being rolled back; the worker takes a pico's moves on one side one after the other).

-- The block of the chain event a step was taken on (null: a step of the worker's own).
alter table move_step add column block_number bigint;

-- Where the move stands on the chain: the block of the acceptance as this side last saw it (the target's own receipt
-- or the follower; null when none is on the chain this side follows), and of the rejection, expiry or cancellation.
alter table move add column accepted_block bigint;
alter table move add column ended_block bigint;

alter table move drop constraint move_side_lease_id_key;
create index move_of_lease on move (side, lease_id, id);
