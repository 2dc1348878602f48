-- Second authenticators (issue 4): TOTP (RFC 6238) with recovery codes, passkeys (WebAuthn), and
-- the minimum level of assurance a client is registered with. Same script on H2 and PostgreSQL.

-- One TOTP authenticator per citizen. The seed is an AES-256-GCM envelope (base64) under the
-- key-encryption key, bound to the citizen id; last_step is the last time step accepted (a code is
-- accepted once: replay protection).
CREATE TABLE citizen_totp (
    citizen_id   UUID                     PRIMARY KEY REFERENCES citizen_account (id) ON DELETE CASCADE,
    secret_enc   TEXT                     NOT NULL,
    last_step    BIGINT                   NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Ten single-use recovery codes per citizen (SHA-256, hex, of a high-entropy code).
CREATE TABLE citizen_recovery_code (
    citizen_id   UUID                     NOT NULL REFERENCES citizen_account (id) ON DELETE CASCADE,
    code_hash    VARCHAR(64)              NOT NULL,
    used_at      TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (citizen_id, code_hash)
);

-- Passkeys (WebAuthn credentials): the attested credential data (AAGUID, credential id, COSE
-- public key) as webauthn4j serializes it (base64url), the signature counter, transports.
CREATE TABLE citizen_passkey (
    credential_id    VARCHAR(1400)            PRIMARY KEY,
    citizen_id       UUID                     NOT NULL REFERENCES citizen_account (id) ON DELETE CASCADE,
    label            VARCHAR(100)             NOT NULL,
    attested_data    TEXT                     NOT NULL,
    sign_count       BIGINT                   NOT NULL,
    transports       VARCHAR(200)             NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at     TIMESTAMP WITH TIME ZONE
);

CREATE INDEX citizen_passkey_citizen ON citizen_passkey (citizen_id);

-- The level of assurance always enforced for a client (urn:idnum:loa:1..3); NULL = level 1.
ALTER TABLE oidc_client ADD COLUMN minimum_acr VARCHAR(40);
