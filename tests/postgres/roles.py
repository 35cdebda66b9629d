"""The README's PostgreSQL roles, as SQL the tests run: one schema-owner role that migrates, one
group role holding the users' rights, one login role per person (README: *Central database on
PostgreSQL*, "One login role per person")."""

from __future__ import annotations

# Run as the owner (or a superuser) in the AuditDesk database, after the first start made the
# tables. {db}: database, {owner}: schema-owner role, {users}: the group role.
USER_GRANTS = (
    'GRANT CONNECT, TEMPORARY ON DATABASE "{db}" TO {users}',
    "GRANT USAGE ON SCHEMA public TO {users}",
    "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {users}",
    "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {users}",
    "REVOKE UPDATE, DELETE, TRUNCATE ON change_log FROM {users}",
    "ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public"
    " GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {users}",
    "ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public"
    " GRANT USAGE, SELECT ON SEQUENCES TO {users}",
)


def grant_sql(db: str, owner: str, users: str) -> list[str]:
    return [s.format(db=db, owner=owner, users=users) for s in USER_GRANTS]
