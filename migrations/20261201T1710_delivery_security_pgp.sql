-- Encrypted notification e-mail: national CIRTs expect PGP, and the directory held fingerprints only.
-- A team keeps its armored public key and says whether mail without one must be withheld (the inbox
-- then is the delivery); each notification records how its e-mail went (pgp, plain or withheld).
ALTER TABLE cirts ADD COLUMN pgp_public_key text;
ALTER TABLE cirts ADD COLUMN require_encryption boolean NOT NULL DEFAULT false;
ALTER TABLE notifications ADD COLUMN email_protection text CHECK (email_protection IN ('pgp', 'plain', 'withheld'));
