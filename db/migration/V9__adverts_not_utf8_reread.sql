-- A string of an advert whose bytes are not valid UTF-8 was stored with U+FFFD in place of each bad sequence, so
-- its exact bytes (engine.advert) no longer hashed to the chain's advert hash. Events now keep such a string's
-- exact bytes beside it (its name followed by ':bytes' in the payload). Only an index holding an advert with U+FFFD
-- may hold such a string: that index is read again from the chain, as V7 did (the probes' measurements stay).
do $$
begin
    if exists (select 1 from chain_event
               where kind = 'AdvertPublished' -- the character itself, or JSON's escape of it
                 and (strpos(payload::text, U&'\FFFD') > 0 or strpos(lower(payload::text), '\ufffd') > 0)) then
        truncate chain_block, chain_event, indexer_checkpoint, engine, lease, trust_list, trust_list_engine,
            market_parameter, engine_undo, lease_undo;
    end if;
end
$$;
