-- The funder reports in Swiss francs: DWC records, for each funding cycle, the rate at which it
-- turns đồng into francs (đồng for one franc). Without one, a cycle's money has no CHF figure.
ALTER TABLE funding_cycle ADD COLUMN chf_rate NUMERIC(12, 2);
ALTER TABLE funding_cycle ADD COLUMN chf_rate_set_by VARCHAR(64);
ALTER TABLE funding_cycle ADD COLUMN chf_rate_set_at TIMESTAMP;
ALTER TABLE funding_cycle ADD CONSTRAINT funding_cycle_chf_rate_check CHECK (chf_rate IS NULL OR chf_rate > 0);

-- The ledger line carries its sub-project's sector, as it carries its commune, fund and cycle, so
-- that reports sum it by sector without reading the sub-projects (a sub-project's sector is fixed
-- once money is committed to it: a proposal is revised before, never after).
ALTER TABLE ledger_entry ADD COLUMN sector_code VARCHAR(20);
UPDATE ledger_entry SET sector_code = (SELECT s.sector_code FROM subproject s WHERE s.code = ledger_entry.subproject_code);
CREATE INDEX ledger_entry_sector_idx ON ledger_entry (sector_code, cycle_code);

-- Reports by period read the ledger by the day each line was recorded.
CREATE INDEX ledger_entry_recorded_idx ON ledger_entry (recorded_at, subproject_code);
CREATE INDEX subproject_submitted_idx ON subproject (submitted_at);
