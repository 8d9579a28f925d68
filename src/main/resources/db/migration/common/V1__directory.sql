-- The directory of places, schools and community groups.
-- Portable SQL: runs on H2 (embedded default) and PostgreSQL.

-- Administrative units as a tree of any depth: province > (district) > commune > hamlet.
-- Codes are stable identifiers; names are Vietnamese with diacritics.
CREATE TABLE place (
    code        VARCHAR(20)  NOT NULL PRIMARY KEY,
    parent_code VARCHAR(20)  REFERENCES place (code),
    kind        VARCHAR(16)  NOT NULL,
    name        VARCHAR(200) NOT NULL,
    CONSTRAINT place_kind_check CHECK (kind IN ('PROVINCE', 'DISTRICT', 'COMMUNE', 'HAMLET')),
    CONSTRAINT place_not_own_parent CHECK (parent_code IS NULL OR parent_code <> code)
);
CREATE INDEX place_parent_idx ON place (parent_code);

-- Lower-secondary schools (THCS) belong to a commune.
CREATE TABLE school (
    code         VARCHAR(20)  NOT NULL PRIMARY KEY,
    commune_code VARCHAR(20)  NOT NULL REFERENCES place (code),
    name         VARCHAR(200) NOT NULL
);
CREATE INDEX school_commune_idx ON school (commune_code);

-- Community-based groups (CBG) of hamlets and core student groups of schools; the
-- facilitator is the Camunda user id of the person who works with the group.
CREATE TABLE community_group (
    code           VARCHAR(20)  NOT NULL PRIMARY KEY,
    kind           VARCHAR(16)  NOT NULL,
    name           VARCHAR(200) NOT NULL,
    hamlet_code    VARCHAR(20)  REFERENCES place (code),
    school_code    VARCHAR(20)  REFERENCES school (code),
    facilitator_id VARCHAR(64),
    CONSTRAINT community_group_unit_check CHECK (
        (kind = 'CBG' AND hamlet_code IS NOT NULL AND school_code IS NULL)
        OR (kind = 'STUDENT_GROUP' AND school_code IS NOT NULL AND hamlet_code IS NULL))
);
CREATE INDEX community_group_hamlet_idx ON community_group (hamlet_code);
CREATE INDEX community_group_school_idx ON community_group (school_code);
CREATE INDEX community_group_facilitator_idx ON community_group (facilitator_id);
