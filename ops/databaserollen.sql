-- The application's runtime database role (docs/deploy.md, "Two database roles").
-- The migration role owns the tables (it runs `manage.py migrate`); the runtime role the
-- web servers and the worker use may read and write rows, and nothing more: no TRUNCATE,
-- no ALTER TABLE (so it cannot set the frozen versions' trigger aside), no DROP, not the
-- owner of anything. Run as the migration role after every `migrate` (new tables), with
-- :runtime replaced by the runtime role's name, e.g.
--   sed 's/:runtime/mvoi_app/' ops/databaserollen.sql | psql "$MIGRATIE_DATABASE_URL"
GRANT USAGE ON SCHEMA public TO :runtime;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :runtime;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO :runtime;
REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM :runtime;
