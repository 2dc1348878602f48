-- wallet-api (issue 6): issuer key rotation and credential request/response encryption keys.
-- Same script on H2 (PostgreSQL mode) and PostgreSQL.

-- Encryption keys (ECDH-ES) have no certificate.
ALTER TABLE platform_key ALTER COLUMN certificate_chain DROP NOT NULL;

-- Each issuer's keys over time. A signing key ('sig') is active while superseded_at is null (one
-- per issuer); once superseded by a rotation it still verifies (published in jwt-vc-issuer
-- metadata, its certificate still valid) until retire_at, after the longest credential lifetime.
-- The credential request encryption key ('enc') is published in the Credential Issuer metadata.
-- key_id is the row of platform_key holding the encrypted private key.
CREATE TABLE issuer_key (
    key_id        VARCHAR(100)             NOT NULL PRIMARY KEY,
    issuer        VARCHAR(64)              NOT NULL,
    purpose       VARCHAR(3)               NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    superseded_at TIMESTAMP WITH TIME ZONE,
    retire_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT fk_issuer_key_platform_key FOREIGN KEY (key_id) REFERENCES platform_key (id),
    CONSTRAINT ck_issuer_key_purpose CHECK (purpose IN ('sig', 'enc'))
);

CREATE INDEX ix_issuer_key_issuer ON issuer_key (issuer, purpose);
