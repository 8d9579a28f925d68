-- Read model of sub-projects, kept current by the grant cycle in the transaction of each
-- step. Lists and reports read it, never the engine's variable tables.
CREATE TABLE subproject (
    code                     VARCHAR(40)   NOT NULL PRIMARY KEY,
    process_instance_id      VARCHAR(64)   NOT NULL,
    title                    VARCHAR(200)  NOT NULL,
    fund_code                VARCHAR(40),
    cycle_code               VARCHAR(40),
    group_code               VARCHAR(20),
    unit_type                VARCHAR(16),
    unit_code                VARCHAR(20),
    unit_name                VARCHAR(200),
    commune_code             VARCHAR(20),
    commune_name             VARCHAR(200),
    facilitator_id           VARCHAR(64),
    stage                    VARCHAR(32)   NOT NULL,
    requested_grant          BIGINT,
    approved_grant           BIGINT,
    disbursed                BIGINT        NOT NULL DEFAULT 0,
    contribution_planned     BIGINT,
    contribution_mobilised   BIGINT,
    beneficiaries_women      INTEGER,
    beneficiaries_men        INTEGER,
    beneficiaries_poor       INTEGER,
    beneficiaries_ethnic     INTEGER,
    women_reached            INTEGER,
    men_reached              INTEGER,
    planned_start            DATE,
    planned_end              DATE,
    evaluation_score         DOUBLE PRECISION,
    submitted_at             TIMESTAMP     NOT NULL,
    updated_at               TIMESTAMP     NOT NULL
);
CREATE INDEX subproject_facilitator_idx ON subproject (facilitator_id, updated_at);
CREATE INDEX subproject_commune_idx ON subproject (commune_code, stage);
CREATE INDEX subproject_cycle_idx ON subproject (cycle_code, fund_code, stage);

-- Retried submissions: one sub-project per idempotency key.
CREATE TABLE submission_key (
    idempotency_key     VARCHAR(100) NOT NULL PRIMARY KEY,
    submitted_by        VARCHAR(64)  NOT NULL,
    process_instance_id VARCHAR(64)  NOT NULL,
    created_at          TIMESTAMP    NOT NULL
);
