-- The shared log follower (contracts/java follow) keeps the hash of each block it names (the end of each range
-- and every block with an event) and finds the common ancestor of a reorganisation from those alone: parent
-- hashes are no longer read.
alter table chain_block drop column parent_hash;
