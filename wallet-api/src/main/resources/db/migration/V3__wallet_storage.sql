-- wallet-api (issue 7): the wallet storage API of the mobile wallet app. Same script on H2
-- (PostgreSQL mode) and PostgreSQL. A citizen is the access token's sub (pairwise in the wallet
-- app's sector). Everything the citizen stored is encrypted (AES-256-GCM) under the citizen's own
-- data key, which is stored wrapped under a key-encryption key (KEK) named by kek_id; rotating the
-- KEK re-wraps these keys, the data they protect is not re-encrypted.

CREATE TABLE wallet_citizen_key (
    citizen_id   VARCHAR(255)             NOT NULL PRIMARY KEY,
    kek_id       VARCHAR(64)              NOT NULL,
    wrapped_key  BYTEA                    NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    rewrapped_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX wallet_citizen_key_kek ON wallet_citizen_key (kek_id);

-- A stored credential: its metadata (type, issuer, dates, status reference) and its content, each
-- encrypted under the citizen's data key and bound to the row (citizen id, credential id).
CREATE TABLE wallet_credential (
    id                    UUID                     NOT NULL PRIMARY KEY,
    citizen_id            VARCHAR(255)             NOT NULL,
    stored_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    size_bytes            INTEGER                  NOT NULL,
    holder_key_thumbprint VARCHAR(64)              NOT NULL,
    metadata              BYTEA                    NOT NULL,
    content               BYTEA                    NOT NULL
);
CREATE INDEX wallet_credential_citizen ON wallet_credential (citizen_id, stored_at);

-- A device of the wallet app: the DPoP key its access tokens are bound to (RFC 7638 thumbprint),
-- its display name (encrypted), and when it was revoked (its tokens and holder keys are refused).
CREATE TABLE wallet_device (
    id            UUID                     NOT NULL PRIMARY KEY,
    citizen_id    VARCHAR(255)             NOT NULL,
    dpop_jkt      VARCHAR(64)              NOT NULL UNIQUE,
    name          BYTEA                    NOT NULL,
    registered_at TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX wallet_device_citizen ON wallet_device (citizen_id);

-- The holder keys a device registered (RFC 7638 thumbprints only): credentials are bound to them,
-- and the verifier service maps an accepted presentation to the citizen's history through them.
CREATE TABLE wallet_holder_key (
    thumbprint    VARCHAR(64)              NOT NULL PRIMARY KEY,
    device_id     UUID                     NOT NULL REFERENCES wallet_device (id) ON DELETE CASCADE,
    citizen_id    VARCHAR(255)             NOT NULL,
    registered_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX wallet_holder_key_device ON wallet_holder_key (device_id);

-- The citizen's history: what was stored, deleted, exported, shown to whom (claim names, never
-- values). The details are encrypted under the citizen's data key (NULL once the data is erased).
CREATE TABLE wallet_history (
    id         UUID                     NOT NULL PRIMARY KEY,
    citizen_id VARCHAR(255)             NOT NULL,
    at         TIMESTAMP WITH TIME ZONE NOT NULL,
    event      VARCHAR(32)              NOT NULL,
    details    BYTEA
);
CREATE INDEX wallet_history_citizen ON wallet_history (citizen_id, at);
