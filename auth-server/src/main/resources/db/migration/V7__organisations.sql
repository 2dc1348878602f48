-- Organisations and their representatives (issue 9). Same script on H2 (PostgreSQL mode) and
-- PostgreSQL.

-- An organisation account: a Quebec enterprise number (NEQ, 10 digits) and a name, as a public
-- register holds them (created through the admin API).
CREATE TABLE organisation (
    id          VARCHAR(36)              NOT NULL PRIMARY KEY,
    neq         VARCHAR(10)              NOT NULL UNIQUE,
    name        VARCHAR(200)             NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Citizens who represent an organisation, named by e-mail address (an address with no account
-- yet is kept: no enumeration); ADMINISTRATOR | REPRESENTATIVE.
CREATE TABLE organisation_representative (
    organisation_id  VARCHAR(36)              NOT NULL,
    email            VARCHAR(254)             NOT NULL,
    role             VARCHAR(16)              NOT NULL,
    added_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    -- the citizen who added them (null for the first administrator, named by the register)
    added_by         VARCHAR(64),
    PRIMARY KEY (organisation_id, email)
);
CREATE INDEX ix_organisation_representative_email ON organisation_representative (email);
