-- Identity proofing (issue 4): a citizen's identity as verified once against an authoritative
-- register, with its source and date. Same script on H2 (PostgreSQL mode) and PostgreSQL.
-- One row per verified citizen; a document number belongs to one account only (several NULLs are
-- allowed by UNIQUE on both databases).
CREATE TABLE citizen_verified_identity (
    citizen_id              UUID                     PRIMARY KEY
                            REFERENCES citizen_account (id) ON DELETE CASCADE,
    -- canonical attributes as the register holds them
    given_name              VARCHAR(100)             NOT NULL,
    family_name             VARCHAR(100)             NOT NULL,
    birthdate               DATE                     NOT NULL,
    -- canonical document numbers (upper case, no spaces or hyphens) the register returned
    health_insurance_number VARCHAR(32),
    driving_licence_number  VARCHAR(32),
    -- source: the register (its stable id and the public body's register name)
    register_id             VARCHAR(100)             NOT NULL,
    register_name           VARCHAR(200)             NOT NULL,
    -- OpenID Connect for Identity Assurance evidence record type (e.g. population_register)
    record_type             VARCHAR(64)              NOT NULL,
    -- the register's reference for the check, when it gives one
    register_txn            VARCHAR(100),
    verified_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_citizen_verified_identity_health UNIQUE (health_insurance_number),
    CONSTRAINT uq_citizen_verified_identity_licence UNIQUE (driving_licence_number)
);
