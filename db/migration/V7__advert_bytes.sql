-- An advert's exact bytes, abi.encode(advert): what EngineRegistry.hashAdvert hashes. The text columns cannot hold
-- NUL (it becomes U+FFFD there), so a page re-hashing them could not verify such an advert; from these bytes it can,
-- and shows the strings whole. They come from the events: the index is read again from the chain (the probes'
-- measurements, which the chain does not hold, stay).
alter table engine add column advert bytea not null default ''::bytea;

truncate chain_block, chain_event, indexer_checkpoint, engine, lease, trust_list, trust_list_engine,
    market_parameter;
