-- The girls and boys a school sub-project plans to reach, kept by the read model for the
-- reports as the women and men of a community's are (sub-projects recorded before this get
-- theirs from the process history: migration 25).
ALTER TABLE subproject ADD COLUMN students_girls INTEGER;
ALTER TABLE subproject ADD COLUMN students_boys INTEGER;
