package org.picomesh.agent.challenges;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A challenge against this agent's engine, as the chain told it: open until the chain says it was answered or
 * executed. The answer the agent sent is recorded, but only the chain's {@code ChallengeAnswered} closes it, so a
 * reorganisation that drops the answer reopens it and it is answered again. Optimistic locking: the follower and the
 * answerer both write it.
 */
@Entity
@Table(name = "challenge")
class Challenge {
    @Id
    private long id;
    @Column(name = "engine_id")
    private long engineId;
    private String challenger;
    private long deadline;
    @Column(name = "opened_block")
    private long openedBlock;
    private String status;
    @Column(name = "closed_block")
    private Long closedBlock;
    @Column(name = "answer_tx")
    private String answerTx;
    @Column(name = "last_error")
    private String lastError;
    @Version
    private long version;

    protected Challenge() {}

    Challenge(long id, long engineId, String challenger, long deadline, long openedBlock) {
        this.id = id;
        this.engineId = engineId;
        this.challenger = challenger;
        this.deadline = deadline;
        this.openedBlock = openedBlock;
        this.status = "open";
    }

    long id() {
        return id;
    }

    long deadline() {
        return deadline;
    }

    boolean open() {
        return status.equals("open");
    }

    /** The chain says it was answered or executed, in {@code block}. */
    void closed(String how, long block) {
        status = how;
        closedBlock = block;
    }

    /** The block that closed it was dropped by a reorganisation: it is open again. */
    void reopened() {
        status = "open";
        closedBlock = null;
    }

    void answerSent(String txHash) {
        answerTx = txHash;
        lastError = null;
    }

    void answerFailed(String error) {
        lastError = error.length() > 500 ? error.substring(0, 500) : error;
    }
}
