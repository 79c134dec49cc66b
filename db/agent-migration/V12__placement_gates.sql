-- The hysteresis of each hosted pico's placement (issue 13): which engine has been leading its current host and
-- since when, and the times of its recent moves, so that an agent restart neither restarts the sustained time nor
-- refills the move budget. One row per pico this agent evaluates; the moves also travel with the pico (its decisions).
create table placement_gate (
    pico          varchar(42) primary key,
    challenger    bigint,
    leading_since timestamptz,
    moves         varchar(4000) not null default '',
    last_reason   varchar(300),
    updated_at    timestamptz not null,
    version       bigint not null default 0
);
