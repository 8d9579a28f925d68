-- Files uploaded before their sub-project has a code (the minutes sent with a proposal from
-- the Tasklist's start form) are held for the person who uploaded them until the proposal
-- is registered; a photo keeps the day it was taken and where, read from its EXIF data; and
-- the step that first named a file is remembered (a completion report needs a photo of its
-- own, not one a progress report brought).
ALTER TABLE attachment ALTER COLUMN subproject_code DROP NOT NULL;
ALTER TABLE attachment ADD COLUMN taken_at TIMESTAMP;
ALTER TABLE attachment ADD COLUMN latitude DOUBLE PRECISION;
ALTER TABLE attachment ADD COLUMN longitude DOUBLE PRECISION;
ALTER TABLE attachment ADD COLUMN first_named_in VARCHAR(64);
ALTER TABLE attachment ADD CONSTRAINT attachment_position_ck CHECK (
    (latitude IS NULL AND longitude IS NULL)
    OR (latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180));
CREATE INDEX attachment_held_idx ON attachment (uploaded_by, subproject_code);
