-- Audit log, citizen sessions and OpenID Connect Back-Channel Logout (issue 5).
-- Same script on H2 (PostgreSQL mode) and PostgreSQL.

-- The append-only, hash-chained audit log (ca.idnum.server.audit.JdbcAuditLog). Each record
-- carries the SHA-256 of its canonical content, which includes its sequence number and the hash of
-- the record before it. Nothing updates or deletes a row: in production grant the application
-- INSERT and SELECT only on audit_log.
CREATE TABLE audit_log (
    seq          BIGINT                   NOT NULL PRIMARY KEY,
    event_type   VARCHAR(64)              NOT NULL,
    occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    -- internal citizen identifier (never a pairwise subject, never an e-mail address)
    citizen_id   VARCHAR(64),
    client_id    VARCHAR(100),
    -- canonical JSON object of small non-secret facts (level, claim names, reason codes)
    details      VARCHAR(4000)            NOT NULL,
    prev_hash    CHAR(64)                 NOT NULL,
    hash         CHAR(64)                 NOT NULL
);
CREATE INDEX ix_audit_log_citizen ON audit_log (citizen_id, seq);
CREATE INDEX ix_audit_log_client ON audit_log (client_id, seq);
CREATE INDEX ix_audit_log_type ON audit_log (event_type, seq);
CREATE INDEX ix_audit_log_time ON audit_log (occurred_at);

-- The chain head: the last sequence number and hash. Appending locks this one row
-- (SELECT ... FOR UPDATE), so that every node writes in one order.
CREATE TABLE audit_chain_head (
    id    INTEGER  NOT NULL PRIMARY KEY,
    seq   BIGINT   NOT NULL,
    hash  CHAR(64) NOT NULL
);
INSERT INTO audit_chain_head (id, seq, hash)
    VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- A citizen's login sessions (the per-citizen index of HTTP sessions; the sessions themselves are
-- in Spring Session: Redis in production, process memory on the embedded default).
CREATE TABLE citizen_session (
    -- OpenID Connect "sid": base64url SHA-256 of the HTTP session id
    sid           VARCHAR(64)              NOT NULL PRIMARY KEY,
    -- the HTTP session id, AES-256-GCM envelope (base64) under the key-encryption key
    session_ref   VARCHAR(1000)            NOT NULL,
    citizen_id    VARCHAR(64)              NOT NULL,
    -- browser and system from the User-Agent ("Firefox, Linux")
    device        VARCHAR(100)             NOT NULL,
    -- where from, when known (network of the client address, or a place given by the proxy)
    place         VARCHAR(100),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at      TIMESTAMP WITH TIME ZONE,
    -- LOGOUT | CITIZEN | OPERATOR | CREDENTIALS_CHANGED | TIMEOUT
    end_reason    VARCHAR(32)
);
CREATE INDEX ix_citizen_session_citizen ON citizen_session (citizen_id, ended_at);
CREATE INDEX ix_citizen_session_open ON citizen_session (ended_at, last_seen_at);

-- The relying bodies that received tokens in a session (their authorizations are revoked and
-- they get a logout token when it ends).
CREATE TABLE citizen_session_client (
    sid               VARCHAR(64)              NOT NULL,
    authorization_id  VARCHAR(100)             NOT NULL,
    client_id         VARCHAR(100)             NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (sid, authorization_id)
);

-- Back-Channel Logout deliveries: pending ones are retried with backoff; those that keep failing
-- stay as dead letters (status DEAD) for operators.
CREATE TABLE backchannel_logout_delivery (
    id               VARCHAR(36)              NOT NULL PRIMARY KEY,
    client_id        VARCHAR(100)             NOT NULL,
    sid              VARCHAR(64)              NOT NULL,
    citizen_id       VARCHAR(64)              NOT NULL,
    -- PENDING | DELIVERED | DEAD
    status           VARCHAR(10)              NOT NULL,
    attempts         INTEGER                  NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error       VARCHAR(200),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_backchannel_logout_due ON backchannel_logout_delivery (status, next_attempt_at);

-- OpenID Connect Back-Channel Logout 1.0 client metadata.
ALTER TABLE oidc_client ADD COLUMN backchannel_logout_uri VARCHAR(2000);
ALTER TABLE oidc_client ADD COLUMN backchannel_logout_session_required BOOLEAN NOT NULL DEFAULT FALSE;
