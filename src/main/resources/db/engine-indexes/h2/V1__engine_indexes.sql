-- Indexes the engine's own schema lacks (see the PostgreSQL variant for why each is there).
-- The embedded default holds a few hundred tasks and H2 has neither partial nor covering
-- indexes: a person's own rights, due jobs and the steps' key alone. Run after the engine
-- has made its tables (EngineIndexMigration); IF NOT EXISTS because databases of earlier
-- versions already carry them, made by a start-up step that ran them on every start.
CREATE INDEX IF NOT EXISTS pcm_idx_auth_user_id ON act_ru_authorization (user_id_);
CREATE INDEX IF NOT EXISTS pcm_idx_job_duedate ON act_ru_job (duedate_);
CREATE INDEX IF NOT EXISTS pcm_idx_task_def_key ON act_ru_task (task_def_key_);
