package org.picomesh.agent.placement;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.function.UnaryOperator;
import org.picomesh.agent.follow.MarketListener;
import org.picomesh.contracts.follow.Located;
import org.picomesh.contracts.follow.MarketEvent;
import org.picomesh.contracts.follow.MarketEvent.EngineHalted;
import org.picomesh.contracts.follow.MarketEvent.EngineRegistered;
import org.picomesh.contracts.follow.MarketEvent.EngineResumed;
import org.picomesh.contracts.follow.MarketEvent.EngineSlashed;
import org.picomesh.contracts.follow.MarketEvent.LeaseClosed;
import org.picomesh.contracts.follow.MarketEvent.LeaseOpened;
import org.picomesh.contracts.follow.MarketEvent.MoveAccepted;
import org.picomesh.contracts.follow.MarketEvent.MoveCancelled;
import org.picomesh.contracts.follow.MarketEvent.MoveExpired;
import org.picomesh.contracts.follow.MarketEvent.MoveRejected;
import org.picomesh.contracts.follow.MarketEvent.MoveRequested;
import org.picomesh.contracts.follow.MarketEvent.ParameterChanged;
import org.picomesh.contracts.follow.MarketEvent.StakeAdded;
import org.picomesh.contracts.follow.MarketEvent.StakeWithdrawn;
import org.picomesh.contracts.follow.MarketEvent.TrustListChanged;
import org.picomesh.contracts.follow.MarketEvent.UnbondRequested;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every engine's registry state (stake, unbonding, slashes, halts, the slots its leases and pending moves take), the
 * trust lists and the market's parameters, followed from the chain like the adverts: appended at their place on the
 * chain, so a reorganisation forgets what dropped blocks did. Slots follow the directory's rule: a pending move holds
 * one on its target from its request, and an accepted move hands it to the new lease.
 */
@Component
class RegistryBook implements MarketListener {
    /** An engine's state after an event. */
    record EngineState(BigInteger stake, BigInteger unbonding, BigInteger slashed, boolean halted, int activeLeases) {
        static final EngineState NONE = new EngineState(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, false, 0);

        EngineState slots(int change) {
            return new EngineState(stake, unbonding, slashed, halted, Math.max(0, activeLeases + change));
        }
    }

    private final JdbcTemplate jdbc;

    RegistryBook(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void apply(Located<MarketEvent> located) {
        MarketEvent e = located.event();
        if (e instanceof TrustListChanged t) {
            jdbc.update("insert into market_trust values (?, ?, ?, ?, ?)", located.blockNumber(), located.logIndex(),
                    t.listId(), t.engineId(), t.trusted());
        } else if (e instanceof ParameterChanged p) {
            jdbc.update("insert into market_parameter values (?, ?, ?, ?)", located.blockNumber(), located.logIndex(),
                    p.parameter(), new BigDecimal(p.newValue()));
        } else if (e instanceof EngineRegistered r) {
            save(located, r.engineId(), s -> new EngineState(r.stake(), BigInteger.ZERO, BigInteger.ZERO, false, 0));
        } else if (e instanceof StakeAdded s) {
            save(located, s.engineId(), x -> new EngineState(s.stake(), x.unbonding(), x.slashed(), x.halted(), x.activeLeases()));
        } else if (e instanceof UnbondRequested u) {
            save(located, u.engineId(), x -> new EngineState(u.stake(), u.unbonding(), x.slashed(), x.halted(), x.activeLeases()));
        } else if (e instanceof StakeWithdrawn w) {
            save(located, w.engineId(), x -> new EngineState(x.stake(), BigInteger.ZERO, x.slashed(), x.halted(), x.activeLeases()));
        } else if (e instanceof EngineSlashed s) {
            save(located, s.engineId(), x -> new EngineState(s.stake(), s.unbonding(), x.slashed().add(s.amount()),
                    x.halted(), x.activeLeases()));
        } else if (e instanceof EngineHalted h) {
            save(located, h.engineId(), x -> new EngineState(x.stake(), x.unbonding(), x.slashed(), true, x.activeLeases()));
        } else if (e instanceof EngineResumed r) {
            save(located, r.engineId(), x -> new EngineState(x.stake(), x.unbonding(), x.slashed(), false, x.activeLeases()));
        } else {
            slots(located, e);
        }
    }

    /** The escrow's events that take or give back an engine's slot. */
    private void slots(Located<MarketEvent> located, MarketEvent e) {
        if (e instanceof LeaseOpened o) {
            save(located, o.engineId(), x -> x.slots(1));
        } else if (e instanceof LeaseClosed c) {
            save(located, c.engineId(), x -> x.slots(-1));
        } else if (e instanceof MoveRequested m) {
            save(located, m.toEngineId(), x -> x.slots(1));
        } else if (e instanceof MoveAccepted m) {
            save(located, m.toEngineId(), x -> x.slots(-1)); // the new lease's LeaseOpened takes it again
        } else if (e instanceof MoveRejected m) {
            save(located, m.toEngineId(), x -> x.slots(-1));
        } else if (e instanceof MoveExpired m) {
            save(located, m.toEngineId(), x -> x.slots(-1));
        } else if (e instanceof MoveCancelled m) {
            save(located, m.toEngineId(), x -> x.slots(-1));
        }
    }

    @Override
    public void rewind(long block) {
        jdbc.update("delete from market_engine_state where block_number > ?", block);
        jdbc.update("delete from market_trust where block_number > ?", block);
        jdbc.update("delete from market_parameter where block_number > ?", block);
    }

    private void save(Located<MarketEvent> located, long engineId, UnaryOperator<EngineState> change) {
        EngineState next = change.apply(current(engineId));
        jdbc.update("""
                insert into market_engine_state values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (block_number, log_index, engine_id) do update set stake = excluded.stake,
                    unbonding = excluded.unbonding, slashed = excluded.slashed, halted = excluded.halted,
                    active_leases = excluded.active_leases""",
                located.blockNumber(), located.logIndex(), engineId, new BigDecimal(next.stake()),
                new BigDecimal(next.unbonding()), new BigDecimal(next.slashed()), next.halted(), next.activeLeases());
    }

    private EngineState current(long engineId) {
        List<EngineState> latest = jdbc.query("""
                select stake, unbonding, slashed, halted, active_leases from market_engine_state where engine_id = ?
                order by block_number desc, log_index desc limit 1""",
                (rs, n) -> new EngineState(rs.getBigDecimal(1).toBigIntegerExact(), rs.getBigDecimal(2).toBigIntegerExact(),
                        rs.getBigDecimal(3).toBigIntegerExact(), rs.getBoolean(4), rs.getInt(5)),
                engineId);
        return latest.isEmpty() ? EngineState.NONE : latest.get(0);
    }
}
