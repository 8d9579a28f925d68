-- Funds, funding cycles and their envelopes. Portable SQL: runs on H2 and PostgreSQL.

CREATE TABLE fund (
    code VARCHAR(40)  NOT NULL PRIMARY KEY,
    name VARCHAR(200) NOT NULL
);
INSERT INTO fund (code, name) VALUES
    ('CM', 'Quỹ quản lý cộng đồng (CM fund)'),
    ('INITIATIVE', 'Quỹ sáng kiến (Initiative fund)'),
    ('REWARD', 'Quỹ thưởng (Reward fund)');

-- A funding cycle (đợt cấp vốn) of a fund, open for a period.
CREATE TABLE funding_cycle (
    code       VARCHAR(40)  NOT NULL PRIMARY KEY,
    fund_code  VARCHAR(40)  NOT NULL REFERENCES fund (code),
    name       VARCHAR(200) NOT NULL,
    opens_on   DATE         NOT NULL,
    closes_on  DATE         NOT NULL,
    status     VARCHAR(16)  NOT NULL,
    created_by VARCHAR(64)  NOT NULL,
    created_at TIMESTAMP    NOT NULL,
    CONSTRAINT funding_cycle_status_check CHECK (status IN ('OPEN', 'CLOSED')),
    CONSTRAINT funding_cycle_dates_check CHECK (closes_on >= opens_on)
);

-- The budget envelope of a cycle for one commune or school. `committed` is kept by the
-- ledger in the same transaction as each commitment and release; the check makes
-- overspending impossible whatever the concurrency.
CREATE TABLE envelope (
    cycle_code  VARCHAR(40) NOT NULL REFERENCES funding_cycle (code),
    holder_code VARCHAR(20) NOT NULL,
    amount      BIGINT      NOT NULL,
    committed   BIGINT      NOT NULL DEFAULT 0,
    PRIMARY KEY (cycle_code, holder_code),
    CONSTRAINT envelope_amount_check CHECK (amount >= 0),
    CONSTRAINT envelope_within_check CHECK (committed >= 0 AND committed <= amount)
);

-- The envelope (commune or school) each ledger entry counts against.
ALTER TABLE ledger_entry ADD COLUMN envelope_holder VARCHAR(20);
