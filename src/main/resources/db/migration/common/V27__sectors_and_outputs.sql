-- What a sub-project builds or achieves, for the funder's report and its cost-benefit analysis.
-- A sector (kept by DWC) measures its sub-projects' main output in one unit, so that outputs and
-- costs per unit compare within the sector: 300 m of concrete path, 2 wells, 40 latrines.
CREATE TABLE sector (
    code       VARCHAR(20)  NOT NULL PRIMARY KEY,
    name_vi    VARCHAR(200) NOT NULL,
    name_en    VARCHAR(200) NOT NULL,
    unit_vi    VARCHAR(60)  NOT NULL,
    unit_en    VARCHAR(60)  NOT NULL,
    sort_order INTEGER      NOT NULL,
    active     BOOLEAN      NOT NULL DEFAULT TRUE,
    CONSTRAINT sector_code_check CHECK (code <> '')
);
INSERT INTO sector (code, name_vi, name_en, unit_vi, unit_en, sort_order) VALUES
    ('ROADS', 'Đường giao thông, lối đi', 'Roads and paths', 'm đường', 'm of road or path', 1),
    ('WATER', 'Nước sạch', 'Clean water', 'hộ được cấp nước', 'households supplied', 2),
    ('SANITATION', 'Vệ sinh môi trường', 'Sanitation', 'công trình vệ sinh', 'latrines and facilities', 3),
    ('SCHOOL', 'Cơ sở vật chất trường học', 'School facilities', 'học sinh được hưởng lợi', 'students served', 4),
    ('LIVELIHOODS', 'Sinh kế', 'Livelihoods', 'hộ tham gia', 'households taking part', 5),
    ('ENVIRONMENT', 'Môi trường, cảnh quan', 'Environment', 'm² được cải tạo', 'm² improved', 6),
    ('COMMUNITY', 'Nhà văn hóa, sinh hoạt cộng đồng', 'Community buildings', 'công trình', 'buildings', 7);

-- The read model carries the sector, the outputs planned and achieved (in the sector's unit),
-- who maintains the works, and the girls and boys a school sub-project reached.
ALTER TABLE subproject ADD COLUMN sector_code VARCHAR(20);
ALTER TABLE subproject ADD COLUMN output_planned BIGINT;
ALTER TABLE subproject ADD COLUMN output_achieved BIGINT;
ALTER TABLE subproject ADD COLUMN maintenance_group VARCHAR(200);
ALTER TABLE subproject ADD COLUMN maintenance_fund BIGINT;
ALTER TABLE subproject ADD COLUMN students_girls_reached INTEGER;
ALTER TABLE subproject ADD COLUMN students_boys_reached INTEGER;
CREATE INDEX subproject_sector_idx ON subproject (sector_code, stage);
