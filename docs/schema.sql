-- The schema the migrations make (cpss/db/migrations.py), as DuckDB reads it back.
-- Written by `python -m cpss schema > docs/schema.sql`; tests/test_storage.py checks it.

CREATE SEQUENCE history_seq INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START 1 NO CYCLE;

CREATE TABLE action_budgets(seq BIGINT DEFAULT(nextval('history_seq')) NOT NULL, item_id VARCHAR NOT NULL, assessment_id VARCHAR NOT NULL, amount DECIMAL(18,2) NOT NULL, currency VARCHAR NOT NULL, funder VARCHAR NOT NULL, donor VARCHAR NOT NULL, recorded_at TIMESTAMP NOT NULL, recorded_by VARCHAR NOT NULL, CHECK((amount >= 0)), CHECK((funder IN ('unicef', 'government', 'donor', 'other'))));

CREATE TABLE action_items(seq BIGINT DEFAULT(nextval('history_seq')) NOT NULL, item_id VARCHAR NOT NULL, assessment_id VARCHAR NOT NULL, subdomain_id VARCHAR, what VARCHAR NOT NULL, "owner" VARCHAR NOT NULL, due_date DATE, status VARCHAR NOT NULL, notes VARCHAR NOT NULL, reviewed_in VARCHAR, recorded_at TIMESTAMP NOT NULL, recorded_by VARCHAR NOT NULL, CHECK((status IN ('planned', 'in_progress', 'done', 'dropped'))));

CREATE TABLE action_shares(seq BIGINT DEFAULT(nextval('history_seq')) NOT NULL, item_id VARCHAR NOT NULL, assessment_id VARCHAR NOT NULL, subdomain_id VARCHAR NOT NULL, "share" DECIMAL(9,6), linked BOOLEAN NOT NULL, recorded_at TIMESTAMP NOT NULL, recorded_by VARCHAR NOT NULL, CHECK(("share" BETWEEN 0 AND 1)));

CREATE TABLE assessment_deletions(seq BIGINT DEFAULT(nextval('history_seq')) NOT NULL, assessment_id VARCHAR NOT NULL, deleted BOOLEAN NOT NULL, recorded_at TIMESTAMP NOT NULL, recorded_by VARCHAR NOT NULL);

CREATE TABLE assessment_details(seq BIGINT DEFAULT(nextval('history_seq')) NOT NULL, assessment_id VARCHAR NOT NULL, country_code VARCHAR NOT NULL, country VARCHAR NOT NULL, unit VARCHAR NOT NULL, title VARCHAR NOT NULL, assessment_date DATE NOT NULL, assessor VARCHAR NOT NULL, status VARCHAR NOT NULL, recorded_at TIMESTAMP NOT NULL, recorded_by VARCHAR NOT NULL, CHECK((status IN ('draft', 'final'))));

CREATE TABLE assessments(id VARCHAR PRIMARY KEY, framework_version VARCHAR NOT NULL, is_demo BOOLEAN NOT NULL, created_at TIMESTAMP NOT NULL, created_by VARCHAR NOT NULL);

CREATE TABLE positions(seq BIGINT DEFAULT(nextval('history_seq')) NOT NULL, assessment_id VARCHAR NOT NULL, subdomain_id VARCHAR NOT NULL, recorded_at TIMESTAMP NOT NULL);

CREATE TABLE priority_reviews(seq BIGINT DEFAULT(nextval('history_seq')) NOT NULL, assessment_id VARCHAR NOT NULL, ordering VARCHAR[] NOT NULL, dismissed VARCHAR[] NOT NULL, recorded_at TIMESTAMP NOT NULL, recorded_by VARCHAR NOT NULL);

CREATE TABLE ratings(seq BIGINT DEFAULT(nextval('history_seq')) NOT NULL, assessment_id VARCHAR NOT NULL, subdomain_id VARCHAR NOT NULL, answer VARCHAR, phase INTEGER, "target" INTEGER, confidence VARCHAR, evidence VARCHAR NOT NULL, rationale VARCHAR NOT NULL, "source" VARCHAR NOT NULL, recorded_at TIMESTAMP NOT NULL, recorded_by VARCHAR NOT NULL, CHECK((answer IN ('phase', 'dont_know', 'not_applicable'))), CHECK((phase BETWEEN 1 AND 4)), CHECK(("target" BETWEEN 1 AND 4)), CHECK((confidence IN ('low', 'medium', 'high'))), CHECK(((answer = 'phase') = (phase IS NOT NULL))));

CREATE TABLE schema_migrations("version" INTEGER PRIMARY KEY, "name" VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL);

CREATE TABLE share_link_options(seq BIGINT DEFAULT(nextval('history_seq')) NOT NULL, token VARCHAR NOT NULL, "scope" VARCHAR NOT NULL, shown BOOLEAN NOT NULL, recorded_at TIMESTAMP NOT NULL, recorded_by VARCHAR NOT NULL);

CREATE TABLE share_links(seq BIGINT DEFAULT(nextval('history_seq')) NOT NULL, token VARCHAR NOT NULL, assessment_id VARCHAR NOT NULL, revoked BOOLEAN NOT NULL, recorded_at TIMESTAMP NOT NULL, recorded_by VARCHAR NOT NULL);

CREATE TABLE sign_in_failures(seq BIGINT DEFAULT(nextval('history_seq')) NOT NULL, account VARCHAR NOT NULL, address VARCHAR NOT NULL, recorded_at TIMESTAMP NOT NULL);

CREATE TABLE spend_entries(seq BIGINT DEFAULT(nextval('history_seq')) NOT NULL, entry_id VARCHAR NOT NULL, item_id VARCHAR NOT NULL, assessment_id VARCHAR NOT NULL, spent_on DATE NOT NULL, amount DECIMAL(18,2) NOT NULL, currency VARCHAR NOT NULL, note VARCHAR NOT NULL, removed BOOLEAN NOT NULL, recorded_at TIMESTAMP NOT NULL, recorded_by VARCHAR NOT NULL, CHECK((amount >= 0)));

CREATE TABLE user_accounts(seq BIGINT DEFAULT(nextval('history_seq')) NOT NULL, "name" VARCHAR NOT NULL, "role" VARCHAR NOT NULL, salt BLOB NOT NULL, password_hash BLOB NOT NULL, active BOOLEAN NOT NULL, recorded_at TIMESTAMP NOT NULL, recorded_by VARCHAR NOT NULL, CHECK(("role" IN ('admin', 'editor', 'viewer'))));

CREATE TABLE workshop_consensus(seq BIGINT DEFAULT(nextval('history_seq')) NOT NULL, workshop_id VARCHAR NOT NULL, subdomain_id VARCHAR NOT NULL, answer VARCHAR NOT NULL, phase INTEGER, recorded_at TIMESTAMP NOT NULL, recorded_by VARCHAR NOT NULL);

CREATE TABLE workshop_participants(id VARCHAR PRIMARY KEY, token VARCHAR NOT NULL UNIQUE, workshop_id VARCHAR NOT NULL, "name" VARCHAR NOT NULL, joined_at TIMESTAMP NOT NULL);

CREATE TABLE workshop_removals(seq BIGINT DEFAULT(nextval('history_seq')) NOT NULL, workshop_id VARCHAR NOT NULL, participant_id VARCHAR NOT NULL, recorded_at TIMESTAMP NOT NULL, recorded_by VARCHAR NOT NULL);

CREATE TABLE workshop_reveals(seq BIGINT DEFAULT(nextval('history_seq')) NOT NULL, workshop_id VARCHAR NOT NULL, subdomain_id VARCHAR NOT NULL, recorded_at TIMESTAMP NOT NULL, recorded_by VARCHAR NOT NULL);

CREATE TABLE workshop_states(seq BIGINT DEFAULT(nextval('history_seq')) NOT NULL, workshop_id VARCHAR NOT NULL, subdomain_id VARCHAR, "locked" BOOLEAN NOT NULL, revealed BOOLEAN NOT NULL, ended BOOLEAN NOT NULL, recorded_at TIMESTAMP NOT NULL, recorded_by VARCHAR NOT NULL);

CREATE TABLE workshop_votes(seq BIGINT DEFAULT(nextval('history_seq')) NOT NULL, workshop_id VARCHAR NOT NULL, participant_id VARCHAR NOT NULL, subdomain_id VARCHAR NOT NULL, answer VARCHAR NOT NULL, phase INTEGER, "comment" VARCHAR NOT NULL, recorded_at TIMESTAMP NOT NULL, CHECK((answer IN ('phase', 'dont_know'))), CHECK((phase BETWEEN 1 AND 4)), CHECK(((answer = 'phase') = (phase IS NOT NULL))));

CREATE TABLE workshops(id VARCHAR PRIMARY KEY, code VARCHAR NOT NULL, assessment_id VARCHAR NOT NULL, ask_names BOOLEAN NOT NULL, created_at TIMESTAMP NOT NULL, created_by VARCHAR NOT NULL);

CREATE VIEW current_accounts AS SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY "name" ORDER BY seq DESC) AS latest_rank FROM user_accounts) AS ranked WHERE (latest_rank = 1);

CREATE VIEW current_action_items AS SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY item_id ORDER BY seq DESC) AS latest_rank FROM action_items) AS ranked WHERE (latest_rank = 1);

CREATE VIEW current_deletions AS SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY assessment_id ORDER BY seq DESC) AS latest_rank FROM assessment_deletions) AS ranked WHERE (latest_rank = 1);

CREATE VIEW current_details AS SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY assessment_id ORDER BY seq DESC) AS latest_rank FROM assessment_details WHERE (NOT (assessment_id = ANY(SELECT assessment_id FROM current_deletions WHERE deleted)))) AS ranked WHERE (latest_rank = 1);

CREATE VIEW current_ratings AS SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY assessment_id, subdomain_id ORDER BY seq DESC) AS latest_rank FROM ratings) AS ranked WHERE (latest_rank = 1);

CREATE VIEW current_share_link_options AS SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY token, "scope" ORDER BY seq DESC) AS latest_rank FROM share_link_options) AS ranked WHERE (latest_rank = 1);

CREATE VIEW current_share_links AS SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY token ORDER BY seq DESC) AS latest_rank FROM share_links) AS ranked WHERE (latest_rank = 1);

CREATE VIEW current_workshop_votes AS SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY workshop_id, participant_id, subdomain_id ORDER BY seq DESC) AS latest_rank FROM workshop_votes WHERE (NOT (participant_id = ANY(SELECT participant_id FROM workshop_removals)))) AS ranked WHERE (latest_rank = 1);

