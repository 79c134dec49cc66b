-- Where each claim and each settlement sits on the chain: a reorganisation that drops the block of a claim forgets
-- the claim and makes the leases it settled claimable again.
alter table claim add column block_number bigint;
create index claim_block on claim (block_number);

-- The block at which the agent saw a lease ended and claimed in full (its last claim's block, or the block it read).
alter table hosted_lease add column settled_block bigint;
