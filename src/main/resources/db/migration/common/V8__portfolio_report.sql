-- The portfolio report counts the community's planned contribution by kind (cash, labour,
-- materials, all valued in đồng), as the proposal states it.
ALTER TABLE subproject ADD COLUMN contribution_cash BIGINT;
ALTER TABLE subproject ADD COLUMN contribution_labour BIGINT;
ALTER TABLE subproject ADD COLUMN contribution_materials BIGINT;

-- The report sums the ledger by commune, fund and cycle.
CREATE INDEX ledger_entry_report_idx ON ledger_entry (commune_code, fund_code, cycle_code, kind);
