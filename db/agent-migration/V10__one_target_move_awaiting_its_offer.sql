-- One target move per lease waiting for or holding its offer (issue 12). An offer can arrive before this agent's
-- follower has seen the move's request: the offer then opens the journal, and the follower only adds the request's
-- block. Without this index the two could each open one at the same moment (V9 allows several moves of one lease
-- over time), and the move would wait behind a twin that never gets its offer. With it, the later transaction fails
-- and is retried: the follower's batch finds the offer's journal, the offer is answered 503 and sent again.
create unique index move_one_awaiting_offer on move (lease_id)
    where side = 'TARGET' and state in ('AWAITING_OFFER', 'OFFERED');
