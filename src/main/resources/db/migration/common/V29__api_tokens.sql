-- API clients sign in once with their password and then send a short-lived token instead.
-- Only the token's SHA-256 is kept; password_mark is the SHA-256 of the person's stored password
-- hash when the token was given, so that a new password, set anywhere, ends every token.
CREATE TABLE api_token (
    token_hash    CHAR(64)    NOT NULL PRIMARY KEY,
    user_id       VARCHAR(64) NOT NULL,
    password_mark CHAR(64)    NOT NULL,
    created_at    TIMESTAMP   NOT NULL,
    expires_at    TIMESTAMP   NOT NULL,
    revoked_at    TIMESTAMP,
    CONSTRAINT api_token_lifetime_check CHECK (expires_at > created_at)
);
CREATE INDEX api_token_user_idx ON api_token (user_id);
CREATE INDEX api_token_expires_idx ON api_token (expires_at);
