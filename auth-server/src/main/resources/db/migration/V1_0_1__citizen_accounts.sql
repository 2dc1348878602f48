-- Citizen accounts (issue 2). Same script on H2 (PostgreSQL mode) and PostgreSQL.

-- One row per verified citizen account. An account exists only once its email address has been
-- proven (pending registrations below), so an unverified address can never be pre-claimed.
CREATE TABLE citizen_account (
    id                    UUID                     PRIMARY KEY,
    email                 VARCHAR(254)             NOT NULL,
    -- lower-cased address: the login and uniqueness key
    email_normalized      VARCHAR(254)             NOT NULL,
    email_verified        BOOLEAN                  NOT NULL,
    -- Argon2id PHC string ($argon2id$v=19$m=...,t=...,p=...$salt$hash)
    password_hash         VARCHAR(255)             NOT NULL,
    given_name            VARCHAR(100)             NOT NULL,
    family_name           VARCHAR(100)             NOT NULL,
    birthdate             DATE,
    phone_number          VARCHAR(32),
    phone_number_verified BOOLEAN                  NOT NULL DEFAULT FALSE,
    -- BCP 47 tag of the language the citizen registered in (fr-CA, en-CA)
    locale                VARCHAR(35),
    status                VARCHAR(16)              NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_citizen_account_email UNIQUE (email_normalized),
    CONSTRAINT ck_citizen_account_status CHECK (status IN ('ACTIVE', 'DISABLED'))
);

-- A registration waiting for its one-time code. Becomes a citizen_account when the code sent to
-- the address is entered; several may exist for one address (each with its own code and password).
CREATE TABLE citizen_pending_registration (
    id               UUID                     PRIMARY KEY,
    email            VARCHAR(254)             NOT NULL,
    email_normalized VARCHAR(254)             NOT NULL,
    password_hash    VARCHAR(255)             NOT NULL,
    given_name       VARCHAR(100)             NOT NULL,
    family_name      VARCHAR(100)             NOT NULL,
    locale           VARCHAR(35),
    -- SHA-256 (hex) of the row id and the code; the code itself is never stored
    code_hash        VARCHAR(64)              NOT NULL,
    attempts         INTEGER                  NOT NULL DEFAULT 0,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_citizen_pending_registration_email ON citizen_pending_registration (email_normalized);

-- A password reset code sent to an account's address.
CREATE TABLE citizen_password_reset (
    id         UUID                     PRIMARY KEY,
    citizen_id UUID                     NOT NULL REFERENCES citizen_account (id) ON DELETE CASCADE,
    code_hash  VARCHAR(64)              NOT NULL,
    attempts   INTEGER                  NOT NULL DEFAULT 0,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_citizen_password_reset_citizen ON citizen_password_reset (citizen_id);
