-- Registered Entra ID app credentials. Every secret column holds AES-256-GCM ciphertext in the form
-- "v1.<key id>.<base64url nonce>.<base64url ciphertext+tag>", bound to the row by its associated data.
CREATE TABLE credential (
    id                     TEXT PRIMARY KEY,
    description            TEXT,
    grant_type             TEXT NOT NULL CHECK (grant_type IN ('client_credentials', 'authorization_code')),
    tenant_id              TEXT NOT NULL,
    client_id              TEXT NOT NULL,
    authority_host         TEXT,
    authorization_url      TEXT,
    token_url              TEXT NOT NULL,
    auth_method            TEXT NOT NULL CHECK (auth_method IN ('secret', 'certificate', 'federated')),
    client_secret_enc      TEXT,
    certificate_pem        TEXT,
    private_key_enc        TEXT,
    federated_token_file   TEXT,
    scopes                 TEXT NOT NULL,
    redirect_uri           TEXT,
    secret_expires_at      TIMESTAMPTZ,
    refresh_token_enc      TEXT,
    refresh_token_at       TIMESTAMPTZ,
    consent_upn            TEXT,
    consented_at           TIMESTAMPTZ,
    status                 TEXT NOT NULL,
    status_code            TEXT,
    status_explanation     TEXT,
    status_since           TIMESTAMPTZ NOT NULL,
    next_attempt_at        TIMESTAMPTZ,
    last_refresh_at        TIMESTAMPTZ,
    created_at             TIMESTAMPTZ NOT NULL,
    updated_at             TIMESTAMPTZ NOT NULL
);

-- One cached access token per (credential, resource), shared by every instance.
CREATE TABLE access_token (
    credential_id  TEXT NOT NULL REFERENCES credential (id) ON DELETE CASCADE,
    resource       TEXT NOT NULL,
    token_enc      TEXT NOT NULL,
    token_type     TEXT NOT NULL,
    scopes         TEXT NOT NULL,
    expires_at     TIMESTAMPTZ NOT NULL,
    obtained_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (credential_id, resource)
);

-- Pending consent flows: state is stored only as its SHA-256, used once, and expires.
CREATE TABLE consent_state (
    state_hash         TEXT PRIMARY KEY,
    credential_id      TEXT NOT NULL REFERENCES credential (id) ON DELETE CASCADE,
    code_verifier_enc  TEXT NOT NULL,
    redirect_uri       TEXT NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL,
    expires_at         TIMESTAMPTZ NOT NULL
);

-- Who did what with which credential, and with what result. Never a secret or a token.
CREATE TABLE audit_log (
    id             BIGSERIAL PRIMARY KEY,
    at             TIMESTAMPTZ NOT NULL,
    actor          TEXT NOT NULL,
    action         TEXT NOT NULL,
    credential_id  TEXT NOT NULL,
    resource       TEXT,
    result         TEXT NOT NULL,
    count          BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX audit_log_credential ON audit_log (credential_id, at);
