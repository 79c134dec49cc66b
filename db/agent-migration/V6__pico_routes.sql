-- Where the front door sends each ECI of a pico that is moving or moved (the migration's events keep it, in the
-- transaction that records each step), and the events it held meanwhile. ECIs with no row here are live.

-- held: leaving this engine, events held; arriving: imported here, not yet live, events held; releasing: live again
-- (or arrived), held events being delivered to the local engine; replaying: moved, held events being replayed to the
-- new host; moved: calls are redirected or forwarded to moved_to until moved_until, then gone; live: as any other.
create table pico_route (
    eci         text primary key,
    pico        text not null,
    lease_id    bigint not null,
    state       text not null
        check (state in ('live', 'held', 'arriving', 'releasing', 'replaying', 'moved')),
    moved_to    text,
    moved_until timestamptz,
    changed_at  timestamptz not null default now()
);
create index pico_route_pico on pico_route (pico);

-- Each event the front door held for a pico, in arrival order (id), until delivered (to the local engine or to the
-- new host); delivery_key is the sender's idempotency key when another front door replayed it here: a repeated key
-- is answered without delivering again.
create table held_event (
    id               bigserial primary key,
    pico             text not null,
    eci              text not null,
    lease_id         bigint not null,
    method           text not null,
    path             text not null,
    query            text,
    content_type     text,
    body             bytea not null,
    delivery_key     text unique,
    received_at      timestamptz not null default now(),
    delivered_at     timestamptz,
    delivered_status int,
    attempts         int not null default 0,
    last_error       text
);
create index held_event_pending on held_event (pico, id) where delivered_at is null;
