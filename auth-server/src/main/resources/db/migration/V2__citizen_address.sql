-- Optional postal address of a citizen account (OIDC "address" claim, scope "address").
-- Same script on H2 (PostgreSQL mode) and PostgreSQL. Either all of street, locality, postal code
-- and country are set, or none; the region (province) is optional.
ALTER TABLE citizen_account ADD COLUMN address_street VARCHAR(200);
ALTER TABLE citizen_account ADD COLUMN address_locality VARCHAR(100);
ALTER TABLE citizen_account ADD COLUMN address_region VARCHAR(100);
ALTER TABLE citizen_account ADD COLUMN address_postal_code VARCHAR(20);
ALTER TABLE citizen_account ADD COLUMN address_country VARCHAR(60);
ALTER TABLE citizen_account ADD CONSTRAINT ck_citizen_account_address CHECK (
    (address_street IS NULL AND address_locality IS NULL AND address_region IS NULL
        AND address_postal_code IS NULL AND address_country IS NULL)
    OR (address_street IS NOT NULL AND address_locality IS NOT NULL
        AND address_postal_code IS NOT NULL AND address_country IS NOT NULL));
