-- What DWC knows of a group: when it was formed, how many members it has and how many of
-- its leaders are women (the programme reports on women in leadership).
ALTER TABLE community_group ADD COLUMN formed_on DATE;
ALTER TABLE community_group ADD COLUMN members INTEGER;
ALTER TABLE community_group ADD COLUMN women_leaders INTEGER;
ALTER TABLE community_group ADD CONSTRAINT community_group_members_check CHECK (members IS NULL OR members > 0);
ALTER TABLE community_group ADD CONSTRAINT community_group_women_leaders_check CHECK (women_leaders IS NULL
    OR women_leaders >= 0 AND (members IS NULL OR women_leaders <= members));
