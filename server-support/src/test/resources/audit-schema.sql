-- Same tables as auth-server's V5__audit_log_sessions.sql (audit part), for server-support tests.
CREATE TABLE audit_log (
    seq          BIGINT                   NOT NULL PRIMARY KEY,
    event_type   VARCHAR(64)              NOT NULL,
    occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    citizen_id   VARCHAR(64),
    client_id    VARCHAR(100),
    details      VARCHAR(4000)            NOT NULL,
    prev_hash    CHAR(64)                 NOT NULL,
    hash         CHAR(64)                 NOT NULL
);
CREATE INDEX ix_audit_log_citizen ON audit_log (citizen_id, seq);
CREATE INDEX ix_audit_log_client ON audit_log (client_id, seq);
CREATE INDEX ix_audit_log_type ON audit_log (event_type, seq);
CREATE INDEX ix_audit_log_time ON audit_log (occurred_at);
CREATE TABLE audit_chain_head (
    id    INTEGER  NOT NULL PRIMARY KEY,
    seq   BIGINT   NOT NULL,
    hash  CHAR(64) NOT NULL
);
INSERT INTO audit_chain_head (id, seq, hash)
    VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
