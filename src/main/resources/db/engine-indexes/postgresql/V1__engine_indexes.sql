-- Indexes the engine's own schema lacks and a national programme needs (found with the
-- national data set, figures in docs/benchmarks.md). Run after the engine has made its
-- tables (EngineIndexMigration); IF [NOT] EXISTS because databases of earlier versions
-- already carry them, made by a start-up step that ran them on every start.

-- A person's own rights: the engine's schema indexes the group of a right, not the user,
-- so every Tasklist query read the whole authorization table.
CREATE INDEX IF NOT EXISTS pcm_idx_auth_user_id ON act_ru_authorization (user_id_);

-- Every poll of the job executor looks for due jobs: without this it read every timer.
CREATE INDEX IF NOT EXISTS pcm_idx_job_duedate ON act_ru_job (duedate_);

-- The steps' key, carrying the columns a count of a queue reads (the task, its definition,
-- tenant and case execution), so that counting the tasks waiting for DWC reads the index
-- alone. It replaces the plain index on the key that earlier versions made.
CREATE INDEX IF NOT EXISTS pcm_idx_task_def_key_cover ON act_ru_task (task_def_key_)
    INCLUDE (id_, proc_def_id_, tenant_id_, case_execution_id_);
DROP INDEX IF EXISTS pcm_idx_task_def_key;

-- The rights that let a person read tasks (READ on a task, 7 & 2, or READ_TASK on a process
-- definition, 6 & 64), by group and by user: the engine checks every task query against
-- exactly this condition, and the postgres profile plans each statement for its values, so
-- PostgreSQL uses these partial indexes. The DWC officers' group holds a work right on each
-- of its waiting tasks and only two read rights; without them every Tasklist query of an
-- officer read all of the group's rows to find the two.
CREATE INDEX IF NOT EXISTS pcm_idx_auth_task_read_group ON act_ru_authorization (group_id_)
    WHERE (resource_type_ = 7 AND perms_ & 2 = 2 OR resource_type_ = 6 AND perms_ & 64 = 64);
CREATE INDEX IF NOT EXISTS pcm_idx_auth_task_read_user ON act_ru_authorization (user_id_)
    WHERE (resource_type_ = 7 AND perms_ & 2 = 2 OR resource_type_ = 6 AND perms_ & 64 = 64);

-- The rights that let a person read process variables (READ on a process instance, 8 & 2,
-- READ_INSTANCE on a process definition, 6 & 512, or READ on a task, 7 & 2): the engine
-- checks the variable query the Tasklist sends for a page's columns against this condition.
CREATE INDEX IF NOT EXISTS pcm_idx_auth_variable_read_group ON act_ru_authorization (group_id_)
    WHERE (resource_type_ = 8 AND perms_ & 2 = 2 OR resource_type_ = 6 AND perms_ & 512 = 512
        OR resource_type_ = 7 AND perms_ & 2 = 2);
CREATE INDEX IF NOT EXISTS pcm_idx_auth_variable_read_user ON act_ru_authorization (user_id_)
    WHERE (resource_type_ = 8 AND perms_ & 2 = 2 OR resource_type_ = 6 AND perms_ & 512 = 512
        OR resource_type_ = 7 AND perms_ & 2 = 2);
