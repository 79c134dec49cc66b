-- Moves of picos between engines (issue 12): which picos this agent hosts, each move's journal on this side, its
-- steps with their times, and every engine's advertised endpoint and encryption key (where snapshots go and come from).

-- A pico this agent hosts: its market address, the admin ECI it has on this engine, and its current lease here (null
-- until the agent has seen one opened or moved here).
create table hosted_pico (
    pico        text primary key,
    admin_eci   text not null unique,
    lease_id    bigint,
    enrolled_at timestamptz not null default now(),
    version     bigint not null default 0
);

-- One move of one lease, as seen from this side (source: the pico leaves this engine; target: it comes here). The
-- state says what the next action is; a restart re-derives it from this row and the chain.
create table move (
    id              bigserial primary key,
    side            text not null check (side in ('SOURCE', 'TARGET')),
    lease_id        bigint not null,
    pico            text not null,
    admin_eci       text,
    from_engine_id  bigint,
    to_engine_id    bigint not null,
    deadline        timestamptz not null,
    state           text not null,
    cid             text,
    ecis            text,
    offer_signer    text,
    to_lease_id     bigint,
    reason          text,
    attempts        int not null default 0,
    next_attempt_at timestamptz not null default now(),
    requested_block bigint not null,
    started_at      timestamptz not null default now(),
    ended_at        timestamptz,
    version         bigint not null default 0,
    unique (side, lease_id)
);
create index move_due on move (next_attempt_at) where ended_at is null;

-- Every state a move went through, when: the journal's history (durations, the pause from leaving to live).
create table move_step (
    id      bigserial primary key,
    move_id bigint not null references move (id),
    state   text not null,
    at      timestamptz not null default now(),
    detail  text
);
create index move_step_of_move on move_step (move_id, id);
