-- OpenID Provider: registered clients (public bodies), signing keys (encrypted), secrets
-- (encrypted), consents. Same script on H2 (PostgreSQL mode) and PostgreSQL.

CREATE TABLE oidc_client (
    id                          VARCHAR(64)   NOT NULL PRIMARY KEY,
    client_id                   VARCHAR(100)  NOT NULL UNIQUE,
    client_name                 VARCHAR(200)  NOT NULL,
    sector_identifier           VARCHAR(255)  NOT NULL,
    -- client_secret_basic | private_key_jwt | none
    auth_method                 VARCHAR(40)   NOT NULL,
    -- SHA-256 digest (base64url) of the client secret; the secret itself is never stored
    secret_digest               VARCHAR(100),
    secret_issued_at            TIMESTAMP WITH TIME ZONE,
    -- public JWK set (JSON) for private_key_jwt
    jwks                        TEXT,
    grant_types                 VARCHAR(300)  NOT NULL,
    redirect_uris               VARCHAR(4000) NOT NULL,
    post_logout_redirect_uris   VARCHAR(4000) NOT NULL,
    scopes                      VARCHAR(1000) NOT NULL,
    high_assurance              BOOLEAN       NOT NULL,
    id_token_signing_alg        VARCHAR(10)   NOT NULL,
    audience                    VARCHAR(1000) NOT NULL,
    access_token_ttl_seconds    INTEGER       NOT NULL,
    refresh_token_ttl_seconds   INTEGER       NOT NULL,
    refresh_absolute_ttl_seconds INTEGER      NOT NULL,
    enabled                     BOOLEAN       NOT NULL,
    created_at                  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at                  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE oidc_signing_key (
    kid              VARCHAR(64)  NOT NULL PRIMARY KEY,
    alg              VARCHAR(10)  NOT NULL,
    -- NEXT (published, not yet signing) | ACTIVE (signing) | RETIRED (published until retired_until)
    status           VARCHAR(10)  NOT NULL,
    public_jwk       TEXT         NOT NULL,
    -- AES-256-GCM envelope (base64) of the private JWK under the key-encryption key
    private_jwk_enc  TEXT         NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    activated_at     TIMESTAMP WITH TIME ZONE,
    retired_at       TIMESTAMP WITH TIME ZONE,
    retired_until    TIMESTAMP WITH TIME ZONE
);

CREATE INDEX oidc_signing_key_alg_status ON oidc_signing_key (alg, status);

-- Server secrets (pairwise pepper, DPoP nonce key), encrypted under the key-encryption key.
CREATE TABLE oidc_secret (
    name        VARCHAR(64)  NOT NULL PRIMARY KEY,
    value_enc   TEXT         NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Consents: what a citizen allowed a client (of a sector) to receive; revocable.
CREATE TABLE oidc_consent (
    registered_client_id  VARCHAR(64)   NOT NULL,
    principal_name        VARCHAR(200)  NOT NULL,
    sector_identifier     VARCHAR(255)  NOT NULL,
    authorities           VARCHAR(1000) NOT NULL,
    granted_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (registered_client_id, principal_name)
);

CREATE INDEX oidc_consent_principal ON oidc_consent (principal_name);

-- Rows locked (SELECT ... FOR UPDATE) to serialize key creation and rotation across nodes.
CREATE TABLE oidc_lock (
    name  VARCHAR(64) NOT NULL PRIMARY KEY
);

INSERT INTO oidc_lock (name) VALUES ('signing-keys');
