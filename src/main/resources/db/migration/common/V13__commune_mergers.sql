-- Communes merged into a new one (as in the 2025 reform): the old commune stays, with its
-- sub-projects and their reports, and names the commune it became part of.
ALTER TABLE place ADD COLUMN merged_into VARCHAR(20);
ALTER TABLE place ADD CONSTRAINT place_merged_into_fk FOREIGN KEY (merged_into) REFERENCES place (code);

-- A sub-project keeps the commune it was made in (commune_code, for reports); once that
-- commune is merged, its open sub-projects are for the leaders of the new commune.
ALTER TABLE subproject ADD COLUMN leaders_commune_code VARCHAR(20);
CREATE INDEX subproject_leaders_commune_idx ON subproject (leaders_commune_code);
