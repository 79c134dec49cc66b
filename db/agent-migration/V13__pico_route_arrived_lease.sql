-- The lease a pico moved here from, kept on its routes while it moves on from here: a replay its former host sends
-- late (A -> B -> C quickly) is still taken here under that lease and passed on to where the pico lives now, instead
-- of being refused.
alter table pico_route add column arrived_lease_id bigint;
