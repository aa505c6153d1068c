"""The DuckDB schema as numbered migrations, and the public views of the data contract.

A database made by an older version upgrades in place: `migrate` applies, in one transaction
each, every migration newer than the version recorded in `schema_migrations`. Migrations are
append-only: never edit one that has shipped, add the next number instead. The views are
recreated after every migration run, so they always match the code.
"""

from __future__ import annotations

import duckdb

from etl.backup import before_migration

MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "core tables: uploads, tasks, task reports, index scores",
        """
        CREATE SEQUENCE IF NOT EXISTS upload_id_seq START 1;
        CREATE TABLE uploads (
            upload_id     INTEGER PRIMARY KEY,
            file_name     VARCHAR NOT NULL,
            sha256        VARCHAR NOT NULL,
            kind          VARCHAR NOT NULL,
            unit          VARCHAR NOT NULL,
            plan_year     INTEGER,
            period        VARCHAR,
            department    VARCHAR,          -- reporting department; 'ALL' for a combined report
            report_date   DATE,
            rows          INTEGER NOT NULL,
            uploaded_at   TIMESTAMP NOT NULL,
            uploaded_by   VARCHAR,
            status        VARCHAR NOT NULL, -- loaded | superseded | rolled_back
            superseded_by INTEGER,
            archive_path  VARCHAR,
            is_demo       BOOLEAN NOT NULL DEFAULT false
        );
        CREATE TABLE tasks (
            upload_id           INTEGER NOT NULL,
            unit                VARCHAR NOT NULL,
            plan_year           INTEGER NOT NULL,
            seq                 INTEGER NOT NULL,  -- order in the plan
            area                VARCHAR NOT NULL,
            code                VARCHAR NOT NULL,  -- 'II.3', 'II.3.1'
            parent_code         VARCHAR,
            number              VARCHAR,           -- the STT as written
            title               VARCHAR NOT NULL,
            lead_department     VARCHAR,
            support_departments VARCHAR[] NOT NULL,
            deadline            DATE,
            deadline_text       VARCHAR,
            continuous          BOOLEAN NOT NULL,
            product             VARCHAR,
            note                VARCHAR,
            source_row          INTEGER
        );
        CREATE TABLE task_reports (
            upload_id       INTEGER NOT NULL,
            unit            VARCHAR NOT NULL,
            plan_year       INTEGER NOT NULL,
            code            VARCHAR NOT NULL,
            period          VARCHAR NOT NULL,
            period_start    DATE NOT NULL,
            period_end      DATE NOT NULL,
            department      VARCHAR,
            reported_status VARCHAR NOT NULL,  -- done | in_progress | not_started
            percent         DOUBLE,
            report_date     DATE NOT NULL,     -- the report's date (else the period's end)
            completed_on    DATE,              -- when the row gives a completion date
            note            VARCHAR,
            evidence        VARCHAR,
            difficulties    VARCHAR,
            source_row      INTEGER
        );
        CREATE TABLE index_scores (
            upload_id       INTEGER NOT NULL,
            unit            VARCHAR NOT NULL,
            "index"         VARCHAR NOT NULL,
            series          VARCHAR NOT NULL DEFAULT 'unit', -- unit | province_avg | best | national_avg
            year            INTEGER NOT NULL,
            period          VARCHAR NOT NULL,
            criterion       VARCHAR NOT NULL,
            name            VARCHAR,
            max_score       DOUBLE,
            self_score      DOUBLE,
            appraised_score DOUBLE,
            survey_score    DOUBLE,
            score           DOUBLE,
            rank            INTEGER,
            evidence        VARCHAR,
            source_row      INTEGER
        );
        """,
    ),
    (
        2,
        "departments per unit and learned department aliases",
        """
        -- A unit with no rows here has its level's standard departments
        -- (cchc.departments.standard_departments); its rows add to them, and a row with a
        -- standard code renames that department.
        CREATE TABLE departments (
            unit       VARCHAR NOT NULL,
            code       VARCHAR NOT NULL,
            name       VARCHAR NOT NULL,
            short_name VARCHAR,
            added_by   VARCHAR,
            added_at   TIMESTAMP NOT NULL,
            PRIMARY KEY (unit, code)
        );
        -- Names people write for a department, taught once and used by every load.
        -- unit '' = every unit; alias_key = cchc.departments.alias_key(alias).
        CREATE TABLE department_aliases (
            unit      VARCHAR NOT NULL,
            alias     VARCHAR NOT NULL,  -- as typed
            alias_key VARCHAR NOT NULL,  -- folded
            code      VARCHAR NOT NULL,
            added_by  VARCHAR,
            added_at  TIMESTAMP NOT NULL,
            PRIMARY KEY (unit, alias_key)
        );
        """,
    ),
    (
        3,
        "procedure (TTHC) statistics from the one-stop system",
        """
        -- One row per field (lĩnh vực) or procedure of an upload; a table of totals only is
        -- one row with field ''. NULL = the file has no such column.
        CREATE TABLE procedure_stats (
            upload_id        INTEGER NOT NULL,
            unit             VARCHAR NOT NULL,
            period           VARCHAR NOT NULL,  -- '2026-10', '2026-Q3', or 'YYYY-MM-DD..YYYY-MM-DD'
            period_start     DATE NOT NULL,
            period_end       DATE NOT NULL,
            field            VARCHAR NOT NULL,
            procedure        VARCHAR NOT NULL,  -- '' for a row per field
            received         BIGINT,
            carried_over     BIGINT,
            received_new     BIGINT,
            new_online       BIGINT,
            new_offline      BIGINT,
            resolved         BIGINT,
            resolved_early   BIGINT,
            resolved_on_time BIGINT,
            resolved_late    BIGINT,
            pending          BIGINT,
            pending_within   BIGINT,
            pending_late     BIGINT,
            paid_online      BIGINT,
            digitised        BIGINT,
            source_row       INTEGER
        );
        """,
    ),
    (
        4,
        "units registry: name, level, province, official code, aliases",
        """
        -- Every unit the database knows: from a registry file (python -m etl units load) or
        -- first seen in a load (province unknown until a registry names it).
        CREATE TABLE units (
            name     VARCHAR PRIMARY KEY,
            level    VARCHAR NOT NULL,               -- phuong | xa | dac_khu
            province VARCHAR,                        -- NULL when no registry names it yet
            code     VARCHAR,                        -- official code, where known
            aliases  VARCHAR[] NOT NULL DEFAULT [],  -- other names files use for it
            source   VARCHAR NOT NULL,               -- registry | load
            is_demo  BOOLEAN NOT NULL DEFAULT false,
            added_at TIMESTAMP NOT NULL
        );
        INSERT INTO units (name, level, source, is_demo, added_at)
        SELECT unit,
               CASE WHEN replace(strip_accents(lower(unit)), 'đ', 'd') LIKE 'dac khu %'
                    THEN 'dac_khu'
                    WHEN replace(strip_accents(lower(unit)), 'đ', 'd') LIKE 'xa %' THEN 'xa'
                    ELSE 'phuong' END,
               'load', bool_or(is_demo), min(uploaded_at)
        FROM uploads GROUP BY unit;
        """,
    ),
    (
        6,
        "criteria: PAR INDEX criteria of a year, task-criterion links, evidence items",
        """
        -- The PAR INDEX criteria a unit is scored on in a plan year (etl/criteria.py): the tree
        -- of its PAR file (the latest year up to the plan year) or the default set.
        CREATE TABLE par_criteria (
            unit        VARCHAR NOT NULL,
            year        INTEGER NOT NULL,   -- the plan year scored
            code        VARCHAR NOT NULL,   -- '1', '1.2', '1.2.3'
            parent_code VARCHAR,
            area        VARCHAR,            -- the area of its top-level criterion
            name        VARCHAR NOT NULL,
            max_score   DOUBLE,
            source      VARCHAR NOT NULL,   -- par_file | default
            source_year INTEGER,            -- the PAR file's year the tree comes from
            added_at    TIMESTAMP NOT NULL,
            PRIMARY KEY (unit, year, code)
        );
        -- Which leaf task serves which leaf criterion: proposed by the matcher, then accepted
        -- or rejected (or added) by a person.
        CREATE TABLE criterion_links (
            unit       VARCHAR NOT NULL,
            year       INTEGER NOT NULL,
            task_code  VARCHAR NOT NULL,
            criterion  VARCHAR NOT NULL,
            score      DOUBLE,              -- the proposal's score; NULL when added by hand
            state      VARCHAR NOT NULL,    -- proposed | accepted | rejected
            decided_by VARCHAR,
            updated_at TIMESTAMP NOT NULL,
            is_demo    BOOLEAN NOT NULL DEFAULT false,
            PRIMARY KEY (unit, year, task_code, criterion)
        );
        -- The documents proving a criterion (tài liệu kiểm chứng): those its wording calls for
        -- and the unit's own; a file is archived by hash beside the uploads' originals.
        CREATE SEQUENCE IF NOT EXISTS evidence_id_seq START 1;
        CREATE TABLE criterion_evidence (
            evidence_id  INTEGER PRIMARY KEY,
            unit         VARCHAR NOT NULL,
            year         INTEGER NOT NULL,
            criterion    VARCHAR NOT NULL,
            title        VARCHAR NOT NULL,
            source       VARCHAR NOT NULL,  -- wording | unit
            present      BOOLEAN NOT NULL DEFAULT false,
            url          VARCHAR,
            file_name    VARCHAR,
            sha256       VARCHAR,
            archive_path VARCHAR,
            added_by     VARCHAR,
            added_at     TIMESTAMP NOT NULL,
            is_demo      BOOLEAN NOT NULL DEFAULT false
        );
        """,
    ),
    (
        7,
        "accounts: roles by login, and the append-only audit trail of every write",
        """
        -- Who may do what when a provider is configured (cchc/auth.py): one role per login
        -- (an e-mail, lower-cased, or the provider's subject). Without a provider nobody logs
        -- in and everyone is the local administrator.
        CREATE TABLE user_roles (
            login      VARCHAR PRIMARY KEY,
            role       VARCHAR NOT NULL,  -- viewer | department_editor | unit_admin | province_admin
            unit       VARCHAR,           -- NULL: every unit of `province`
            province   VARCHAR,           -- NULL with unit NULL: every unit
            department VARCHAR,           -- a department editor's department code
            name       VARCHAR,
            added_by   VARCHAR NOT NULL,
            added_at   TIMESTAMP NOT NULL
        );
        -- Every write, one row each, inserted in the write's own transaction; never updated
        -- or deleted (etl/audit.py is the only writer).
        CREATE SEQUENCE IF NOT EXISTS audit_id_seq START 1;
        CREATE TABLE audit_log (
            audit_id   BIGINT PRIMARY KEY DEFAULT nextval('audit_id_seq'),
            done_at    TIMESTAMP NOT NULL,
            actor      VARCHAR NOT NULL,  -- the login's name, or --as NAME / the OS user
            login      VARCHAR,           -- the login (e-mail or subject); NULL on one machine
            via        VARCHAR NOT NULL,  -- web | cli
            os_user    VARCHAR,           -- the operating-system user of a command
            action     VARCHAR NOT NULL,  -- load | undo | alias_add | alias_remove | ...
            unit       VARCHAR,
            upload_ids INTEGER[] NOT NULL DEFAULT [],
            detail     VARCHAR NOT NULL DEFAULT ''
        );
        """,
    ),
]

VIEWS = """
CREATE OR REPLACE VIEW v_uploads AS
SELECT upload_id, file_name, sha256, kind, rows, uploaded_at, uploaded_by, status
FROM uploads;

CREATE OR REPLACE VIEW v_tasks AS
SELECT t.unit, t.plan_year, t.area, t.code, t.title, t.lead_department,
       t.support_departments, t.deadline, t.deadline_text
FROM tasks t JOIN uploads u USING (upload_id)
WHERE u.status = 'loaded';

CREATE OR REPLACE VIEW v_task_reports AS
SELECT r.unit, r.plan_year, r.code, r.period, r.reported_status, r.percent, r.report_date, r.note
FROM task_reports r JOIN uploads u USING (upload_id)
WHERE u.status = 'loaded'
QUALIFY row_number() OVER (
    PARTITION BY r.unit, r.plan_year, r.code, r.period
    ORDER BY r.report_date DESC, r.upload_id DESC) = 1;

-- Index uploads merge: each (unit, index, series, period) shows the rows of the latest loaded
-- upload holding it, so a file with 2019 and 2021 never hides 2016–2024 of an earlier one.
CREATE OR REPLACE VIEW current_index_scores AS
SELECT s.*
FROM index_scores s JOIN uploads u USING (upload_id)
WHERE u.status = 'loaded'
QUALIFY s.upload_id = max(s.upload_id) OVER (PARTITION BY s.unit, s."index", s.series, s.period);

CREATE OR REPLACE VIEW v_procedure_stats AS
SELECT s.unit, s.period, s.field, s.received, s.carried_over, s.new_online, s.new_offline,
       s.resolved_early, s.resolved_on_time, s.resolved_late, s.pending_within, s.pending_late,
       s.paid_online, s.digitised, s.period_start, s.period_end, s.procedure, s.resolved,
       s.pending
FROM procedure_stats s JOIN uploads u USING (upload_id)
WHERE u.status = 'loaded';

CREATE OR REPLACE VIEW v_index_scores AS
SELECT unit, "index", year, period, criterion, name, max_score, score, rank
FROM current_index_scores
WHERE series = 'unit';
"""

LATEST_VERSION = MIGRATIONS[-1][0]


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
    ).fetchone()
    if not exists or not exists[0]:
        return 0
    row = con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()
    return int(row[0]) if row else 0


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Bring the database to the latest version; returns the versions applied."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
        " applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)"
    )
    applied = []
    pending = [m[0] for m in MIGRATIONS if m[0] > current_version(con)]
    if pending and current_version(con) > 0:  # an existing database: keep a copy first
        before_migration(con, pending[0])
    for version, name, sql in MIGRATIONS:
        if version <= current_version(con):
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql)
            con.execute(
                "INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [version, name]
            )
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(version)
    con.execute(VIEWS)
    return applied
