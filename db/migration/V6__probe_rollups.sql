-- Probes at market scale (issue 14): a probe costs O(1) database work. Raw samples are kept only briefly (an
-- engine page's recent chart); the 1 h / 24 h / 7 d figures come from per-hour roll-ups written in batches.

-- Samples taken before this version measured the JDK client's HTTP/2 upgrade attempt and a new connection, not
-- the engine (25-50 times its real latency): they are dropped rather than rolled up, and the figures start again.
truncate probe_sample;
delete from probe_stats;
update engine set last_probed_at = null, last_ok = null, p50_ms_24h = null, p95_ms_24h = null,
    availability_24h = null;

alter table probe_sample drop column id;
alter table probe_sample add column connect_ms double precision;
comment on column probe_sample.latency_ms is 'time to the first byte of the answer after the request was written';
comment on column probe_sample.connect_ms is 'TCP connect time, with the TLS handshake for https';
create index probe_sample_age on probe_sample (probed_at);

-- One row per engine and hour, added to by every batch of probes of that hour.
create table probe_hour (
    engine_id      bigint not null,
    hour           timestamptz not null,
    probes         int not null,
    answered       int not null,
    latency_sum_ms double precision not null,
    connect_sum_ms double precision not null,
    -- counts of answered probes by latency bucket (see LatencyHistogram), only the used range, with its bounds
    buckets        int[] not null,
    primary key (engine_id, hour)
);
create index probe_hour_age on probe_hour (hour);

-- Adds two bucket arrays index by index, whatever their bounds: [3:4]={1,2} + [4:5]={1,1} = [3:5]={1,3,1}.
create function probe_buckets_add(a int[], b int[]) returns int[]
    language sql immutable parallel safe as $$
    select case
        when cardinality(a) = 0 then b
        when cardinality(b) = 0 then a
        else (select ('[' || r.lo || ':' || r.hi || ']={'
                     || string_agg((coalesce(a[i], 0) + coalesce(b[i], 0))::text, ',' order by i) || '}')::int[]
              from (select least(array_lower(a, 1), array_lower(b, 1)) as lo,
                           greatest(array_upper(a, 1), array_upper(b, 1)) as hi) r,
                   generate_series(r.lo, r.hi) i
              group by r.lo, r.hi)
    end
$$;

alter table probe_stats add column connect_ms_24h double precision;
alter table probe_stats add column rolled_up_at timestamptz;
comment on column probe_stats.rolled_up_at is 'when the 24 h and 7 d figures were last computed from probe_hour';
