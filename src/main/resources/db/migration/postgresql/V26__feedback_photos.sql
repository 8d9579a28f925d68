-- A photo with a piece of community feedback (the cracked road, the unfinished well): one a
-- piece, JPEG or PNG, at most 10 MB, read from its first bytes. Like the contact, it is shown
-- only to whoever handles the feedback, never on the public page or in the engine.
-- PostgreSQL variant: content as BYTEA.
CREATE TABLE feedback_photo (
    feedback_id  BIGINT        NOT NULL PRIMARY KEY REFERENCES community_feedback (id) ON DELETE CASCADE,
    file_name    VARCHAR(255)  NOT NULL,
    content_type VARCHAR(20)   NOT NULL,
    size_bytes   BIGINT        NOT NULL,
    sha256       VARCHAR(64)   NOT NULL,
    content      BYTEA NOT NULL,
    taken_at     TIMESTAMP,
    latitude     DOUBLE PRECISION,
    longitude    DOUBLE PRECISION,
    CONSTRAINT feedback_photo_type_ck CHECK (content_type IN ('image/jpeg', 'image/png')),
    CONSTRAINT feedback_photo_size_ck CHECK (size_bytes BETWEEN 1 AND 10485760),
    CONSTRAINT feedback_photo_position_ck CHECK ((latitude IS NULL AND longitude IS NULL)
        OR (latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180))
);
