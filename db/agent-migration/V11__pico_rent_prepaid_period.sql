-- How far ahead each hosted pico's policy pays its rent (issue 13 item 5): set when its lease is opened by policy;
-- the agent tops the lease up from the pico's account back to this many seconds before it runs out.
create table pico_rent (
    pico text primary key check (pico ~ '^0x[0-9a-f]{40}$'),
    prepaid_seconds bigint not null check (prepaid_seconds > 0),
    set_at timestamptz not null default now()
);
