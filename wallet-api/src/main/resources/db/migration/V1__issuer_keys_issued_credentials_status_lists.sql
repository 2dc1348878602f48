-- wallet-api (issue 6): signing keys (encrypted), metadata of issued credentials, status lists.
-- Same script on H2 (PostgreSQL mode) and PostgreSQL.

-- The platform root CA and one signing key per issuing public body. The private key is PKCS#8,
-- envelope-encrypted (AES-256-GCM under the KEK, bound to the row id); the chain is the
-- comma-separated base64 DER certificates, leaf first.
CREATE TABLE platform_key (
    id                VARCHAR(100)             NOT NULL PRIMARY KEY,
    private_key       BYTEA                    NOT NULL,
    certificate_chain TEXT                     NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL
);

-- What an issuer issued, as metadata only: never the claims, salts or disclosures. The subject is
-- kept as a digest so that revocation by subject works without storing the register identifier.
CREATE TABLE issued_credential (
    id                          UUID                     NOT NULL PRIMARY KEY,
    issuer                      VARCHAR(64)              NOT NULL,
    credential_configuration_id VARCHAR(100)             NOT NULL,
    vct                         VARCHAR(500)             NOT NULL,
    subject_digest              VARCHAR(64)              NOT NULL,
    holder_jkt                  VARCHAR(64)              NOT NULL,
    status_list_id              INTEGER                  NOT NULL,
    status_idx                  INTEGER                  NOT NULL,
    -- Token Status List values: 0 VALID, 1 INVALID (final), 2 SUSPENDED
    status                      SMALLINT                 NOT NULL,
    issued_at                   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at                  TIMESTAMP WITH TIME ZONE NOT NULL,
    status_changed_at           TIMESTAMP WITH TIME ZONE,
    -- an index is never given twice in a list: rows are never deleted
    CONSTRAINT uq_issued_credential_status_idx UNIQUE (issuer, status_list_id, status_idx),
    CONSTRAINT ck_issued_credential_status CHECK (status IN (0, 1, 2))
);

CREATE INDEX ix_issued_credential_subject ON issued_credential (issuer, subject_digest);

-- One row per status list; version grows on every status change (the ETag of the list token).
CREATE TABLE status_list (
    issuer     VARCHAR(64)              NOT NULL,
    list_id    INTEGER                  NOT NULL,
    size       INTEGER                  NOT NULL,
    version    BIGINT                   NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (issuer, list_id)
);
