-- DWC's teams: each province's appraisals, director approvals, progress reports, payments and
-- closures go to the team responsible for it; a province no team holds goes to all of DWC.
-- A team's people are the members of its three Camunda groups (officers, finance, director).
CREATE TABLE dwc_team (
    code VARCHAR(20)  NOT NULL PRIMARY KEY,
    name VARCHAR(200) NOT NULL
);

-- One team per province at most.
CREATE TABLE dwc_team_province (
    province_code VARCHAR(20) NOT NULL PRIMARY KEY REFERENCES place (code),
    team_code     VARCHAR(20) NOT NULL REFERENCES dwc_team (code)
);
CREATE INDEX dwc_team_province_team_idx ON dwc_team_province (team_code);
