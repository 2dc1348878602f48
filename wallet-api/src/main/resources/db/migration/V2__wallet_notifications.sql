-- OpenID4VCI notification endpoint (§11): the last event the wallet reported for a credential
-- (credential_accepted, credential_failure, credential_deleted) and when.
ALTER TABLE issued_credential ADD COLUMN wallet_event VARCHAR(32);
ALTER TABLE issued_credential ADD COLUMN wallet_event_at TIMESTAMP WITH TIME ZONE;
