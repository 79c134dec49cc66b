package org.picomesh.agent.follow;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.picomesh.agent.AgentProperties;
import org.picomesh.contracts.Deployment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.websocket.WebSocketService;
import org.web3j.utils.Numeric;

/**
 * Lets the {@link ChainWatcher} follow the moment the node announces a block ({@code eth_subscribe("newHeads")} over
 * WebSocket), instead of at the next head poll: a move the pico's own key asked for is seen in milliseconds, not up
 * to {@code head-poll} later. {@code picomesh.agent.node-ws}: {@code auto} (the node's RPC URL with ws:// or wss://,
 * as anvil, geth and reth serve it), a WebSocket URL, or {@code off}. A node that serves no WebSocket is only polled,
 * as before; a subscription that drops is taken up again after a pause, and the polls go on meanwhile.
 */
@Component
class HeadSubscription implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(HeadSubscription.class);
    private static final Duration AGAIN_AFTER = Duration.ofSeconds(15);

    private final HeadWatcher heads;
    private final TaskScheduler scheduler;
    private final String url;
    private volatile boolean running;
    private volatile WebSocketService socket;

    HeadSubscription(HeadWatcher heads, TaskScheduler scheduler, AgentProperties properties, Deployment deployment,
            @Value("${picomesh.agent.node-ws:auto}") String nodeWs) {
        this.heads = heads;
        this.scheduler = scheduler;
        this.url = webSocketUrl(nodeWs, properties.rpcUrl() != null ? properties.rpcUrl() : deployment.rpcUrl());
    }

    /** The WebSocket URL to subscribe at, or null for none. */
    static String webSocketUrl(String setting, String rpcUrl) {
        String value = setting == null ? "auto" : setting.trim();
        if (value.equalsIgnoreCase("off")) {
            return null;
        }
        String url = value.equalsIgnoreCase("auto") ? rpcUrl : value;
        String scheme = url == null ? "" : URI.create(url).getScheme();
        return switch (scheme == null ? "" : scheme.toLowerCase(Locale.ROOT)) {
            case "http", "ws" -> "ws" + url.substring(url.indexOf(':'));
            case "https", "wss" -> "wss" + url.substring(url.indexOf(':'));
            default -> {
                if (!value.equalsIgnoreCase("auto")) {
                    throw new IllegalArgumentException("picomesh.agent.node-ws: a ws:// or wss:// URL, auto or off, "
                            + "not " + value);
                }
                yield null; // an IPC path, say: polled
            }
        };
    }

    @Override
    public void start() {
        running = true;
        if (url != null) {
            scheduler.schedule(() -> subscribe(true), Instant.now()); // never holds up the start
        }
    }

    private void subscribe(boolean first) {
        if (!running) {
            return;
        }
        WebSocketService service = new WebSocketService(url, false);
        try {
            service.connect();
        } catch (ConnectException | RuntimeException e) {
            service.close();
            if (first) {
                log.info("the node serves no WebSocket at {} ({}): following it by polling its head", url,
                        e.getMessage());
            } else {
                again();
            }
            return;
        }
        socket = service;
        Web3j.build(service).newHeadsNotifications().subscribe(
                head -> heads.announced(Numeric.decodeQuantity(head.getParams().getResult().getNumber()).longValue()),
                failed -> dropped(service, failed.toString()), () -> dropped(service, "closed by the node"));
        log.info("following the chain's new heads as the node announces them ({})", url);
    }

    private void dropped(WebSocketService service, String why) {
        service.close();
        if (running) {
            log.info("the node's new-heads subscription ended ({}): polling its head, subscribing again in {} s", why,
                    AGAIN_AFTER.toSeconds());
            again();
        }
    }

    private void again() {
        scheduler.schedule(() -> subscribe(false), Instant.now().plus(AGAIN_AFTER));
    }

    /**
     * Closes the socket without unsubscribing first: the node ends a closed connection's subscriptions itself, and an
     * unsubscription in flight when the socket closes is logged by Web3j as an error at every stop.
     */
    @Override
    public void stop() {
        running = false;
        WebSocketService service = socket;
        if (service != null) {
            service.close();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
