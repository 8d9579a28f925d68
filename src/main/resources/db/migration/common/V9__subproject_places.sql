-- The district and province of each sub-project's commune, kept on its row (a commune never
-- changes district), so that the portfolio report groups by them without joining the
-- place hierarchy for every row.
ALTER TABLE subproject ADD COLUMN district_code VARCHAR(20);
ALTER TABLE subproject ADD COLUMN province_code VARCHAR(20);
UPDATE subproject SET
    district_code = (SELECT c.parent_code FROM place c WHERE c.code = subproject.commune_code),
    province_code = (SELECT d.parent_code FROM place c JOIN place d ON d.code = c.parent_code
                     WHERE c.code = subproject.commune_code);
CREATE INDEX subproject_province_idx ON subproject (province_code, district_code);
