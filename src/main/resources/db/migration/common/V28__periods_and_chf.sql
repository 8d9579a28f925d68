-- The funder reports in Swiss francs: DWC records, for each funding cycle, the rate at which it
-- turns đồng into francs (đồng for one franc). Without one, a cycle's money has no CHF figure.
ALTER TABLE funding_cycle ADD COLUMN chf_rate NUMERIC(12, 2);
ALTER TABLE funding_cycle ADD COLUMN chf_rate_set_by VARCHAR(64);
ALTER TABLE funding_cycle ADD COLUMN chf_rate_set_at TIMESTAMP;
ALTER TABLE funding_cycle ADD CONSTRAINT funding_cycle_chf_rate_check CHECK (chf_rate IS NULL OR chf_rate > 0);

-- Reports by period read the ledger by the day each line was recorded.
CREATE INDEX ledger_entry_recorded_idx ON ledger_entry (recorded_at, subproject_code);
CREATE INDEX subproject_submitted_idx ON subproject (submitted_at);
