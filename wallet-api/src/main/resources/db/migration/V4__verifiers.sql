-- wallet-api (issue 8): the registry of relying bodies (verifiers). Bodies declared in the
-- configuration (idnum.wallet.verifier.verifiers.*) are written here at start-up; operators may
-- also add or disable rows directly, which every node picks up within a minute without a restart.
-- Their access certificate keys live in platform_key under the id 'verifier:<body>'.
-- Same script on H2 (PostgreSQL mode) and PostgreSQL.
CREATE TABLE verifier (
    body           VARCHAR(63)              NOT NULL PRIMARY KEY,
    name_fr        VARCHAR(300)             NOT NULL,
    name_en        VARCHAR(300)             NOT NULL,
    purpose_fr     VARCHAR(1000)            NOT NULL,
    purpose_en     VARCHAR(1000)            NOT NULL,
    -- JSON object: credential configuration id -> array of claim names or dotted paths it may request
    allowed_claims TEXT                     NOT NULL,
    -- JSON array of same-device redirect URIs
    redirect_uris  TEXT                     NOT NULL,
    webhook        VARCHAR(2000),
    enabled        BOOLEAN                  NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
