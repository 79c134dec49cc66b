-- The engine agent's own state: what it follows on the chain and the challenges against its engine. Its hosted
-- picos, claims and migration journal come with the issues that build them.

-- Where the agent's log follower stands, written in the same transaction as what the events it read changed.
create table follower_checkpoint (
    id           smallint primary key check (id = 1),
    block_number bigint not null,
    block_hash   text not null,
    version      bigint not null default 0
);

-- Hashes of the blocks the follower processed, to find the common ancestor after a reorganisation.
create table followed_block (
    number bigint primary key,
    hash   text not null
);

-- Each challenge against this agent's engine, from its opening to its answer (or its execution).
create table challenge (
    id             bigint primary key,
    engine_id      bigint not null,
    challenger     text not null,
    deadline       bigint not null,
    opened_block   bigint not null,
    status         text not null check (status in ('open', 'answered', 'executed')),
    closed_block   bigint,
    answer_tx      text,
    last_error     text,
    version        bigint not null default 0
);
create index challenge_open on challenge (deadline) where status = 'open';
