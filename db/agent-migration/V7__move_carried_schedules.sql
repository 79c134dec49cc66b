-- The scheduled events a move carries (issue 12): pico-engine 0.48.1 drops a schedule that falls due while the pico is
-- leaving. The source reads the tree's schedules before marking it leaving, the target takes them from the snapshot;
-- each side schedules again, once the pico is live (after a rollback, or on arrival), those that fell due meanwhile.
-- A JSON array of the engine's schedule records ({id, at | timespec, event}); null for none read yet.
alter table move add column schedules text;
