-- Award rounds of the reward fund. Portable SQL: runs on H2 and PostgreSQL.

-- One round per process instance: the budget DWC gives it, the total of the awards
-- selected and the total paid. The checks make the budget impossible to exceed, whatever
-- the concurrency: every change of `selected` or `paid` is one guarded update of this row.
CREATE TABLE award_round (
    code                VARCHAR(40)   NOT NULL PRIMARY KEY,
    cycle_code          VARCHAR(40)   NOT NULL REFERENCES funding_cycle (code),
    process_instance_id VARCHAR(64)   NOT NULL,
    budget              BIGINT        NOT NULL,
    selected            BIGINT        NOT NULL DEFAULT 0,
    paid                BIGINT        NOT NULL DEFAULT 0,
    status              VARCHAR(16)   NOT NULL,
    note                VARCHAR(1000),
    opened_by           VARCHAR(64)   NOT NULL,
    opened_at           TIMESTAMP     NOT NULL,
    closed_at           TIMESTAMP,
    CONSTRAINT award_round_status_check CHECK (status IN ('SELECTING', 'APPROVED', 'CLOSED')),
    CONSTRAINT award_round_budget_check CHECK (budget > 0),
    CONSTRAINT award_round_selected_check CHECK (selected >= 0 AND selected <= budget),
    CONSTRAINT award_round_paid_check CHECK (paid >= 0 AND paid <= selected)
);
CREATE INDEX award_round_cycle_idx ON award_round (cycle_code);

-- The candidates of a round (closed, evaluated sub-projects of its cycle), the tier the
-- decision table proposed, the amount DWC selected and, once paid, the payment.
CREATE TABLE award (
    round_code        VARCHAR(40)      NOT NULL REFERENCES award_round (code),
    subproject_code   VARCHAR(40)      NOT NULL,
    rank_no           INTEGER          NOT NULL,
    evaluation_score  DOUBLE PRECISION NOT NULL,
    women_share       DOUBLE PRECISION NOT NULL,
    proposed_tier     VARCHAR(8)       NOT NULL,
    proposed_amount   BIGINT           NOT NULL,
    amount            BIGINT           NOT NULL DEFAULT 0,
    payment_reference VARCHAR(200),
    paid_on           DATE,
    paid_by           VARCHAR(64),
    paid_at           TIMESTAMP,
    PRIMARY KEY (round_code, subproject_code),
    CONSTRAINT award_amount_check CHECK (amount >= 0)
);
-- A sub-project is a candidate of one round only.
CREATE UNIQUE INDEX award_subproject_once_idx ON award (subproject_code);

-- Award payments are ledger entries of the reward fund, each naming its round.
ALTER TABLE ledger_entry ADD COLUMN award_round_code VARCHAR(40);
ALTER TABLE ledger_entry DROP CONSTRAINT ledger_entry_kind_check;
ALTER TABLE ledger_entry ADD CONSTRAINT ledger_entry_kind_check
    CHECK (kind IN ('COMMIT', 'DISBURSE', 'RELEASE', 'AWARD'));
