-- Mandates between citizens and delegated sessions (issue 9).
-- Same script on H2 (PostgreSQL mode) and PostgreSQL.

-- A citizen (the principal) designates another citizen (the mandatary, named by e-mail address)
-- to act on their behalf at some public bodies (clients) or sectors, for some scopes, between two
-- dates. PROPOSED -> ACCEPTED -> ENDED, or PROPOSED -> REFUSED / ENDED; expiry is by date.
CREATE TABLE mandate (
    id                   VARCHAR(36)              NOT NULL PRIMARY KEY,
    principal_id         VARCHAR(64)              NOT NULL,
    -- normalised address the principal typed; it may match no account (no enumeration)
    mandatary_email      VARCHAR(254)             NOT NULL,
    -- set when the mandatary accepts
    mandatary_id         VARCHAR(64),
    -- space-separated client ids and sector identifiers (at least one of the two)
    clients              VARCHAR(2000)            NOT NULL,
    sectors              VARCHAR(2000)            NOT NULL,
    -- space-separated scopes the mandatary may use
    scopes               VARCHAR(1000)            NOT NULL,
    starts_on            DATE                     NOT NULL,
    ends_on              DATE                     NOT NULL,
    -- PROPOSED | ACCEPTED | REFUSED | ENDED
    state                VARCHAR(16)              NOT NULL,
    -- the principal's consent: the version of the text they agreed to, and when
    consent_text_version VARCHAR(32)              NOT NULL,
    consented_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    accepted_at          TIMESTAMP WITH TIME ZONE,
    ended_at             TIMESTAMP WITH TIME ZONE,
    -- PRINCIPAL | MANDATARY (who ended or refused it)
    ended_by             VARCHAR(16)
);
CREATE INDEX ix_mandate_principal ON mandate (principal_id);
CREATE INDEX ix_mandate_mandatary_email ON mandate (mandatary_email);
CREATE INDEX ix_mandate_mandatary ON mandate (mandatary_id, state);

-- Per-client delegation settings (kept apart from the client registration).
CREATE TABLE client_delegation (
    client_id                   VARCHAR(100)             NOT NULL PRIMARY KEY,
    accepts_delegated_sessions  BOOLEAN                  NOT NULL,
    accepts_organisations       BOOLEAN                  NOT NULL,
    updated_at                  TIMESTAMP WITH TIME ZONE NOT NULL
);
