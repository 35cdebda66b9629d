"""A network blip on the central database, for the editors' tests: the save's own server
connection is terminated (``pg_terminate_backend``) in its next flushes."""

from __future__ import annotations

from sqlalchemy import event, text


class Blip:
    """Terminate the save's own server connection in its next ``times`` flushes."""

    def __init__(self, database, pg_server, times):
        self.database, self.pg_server, self.left, self.cut = database, pg_server, times, 0

    def __call__(self, session, _ctx, _instances):
        if self.left <= 0:
            return
        self.left -= 1
        self.cut += 1
        pid = session.connection().execute(text("SELECT pg_backend_pid()")).scalar()
        self.pg_server.admin(f"SELECT pg_terminate_backend({pid})")

    def __enter__(self):
        event.listen(self.database.Session, "before_flush", self)
        return self

    def __exit__(self, *exc):
        event.remove(self.database.Session, "before_flush", self)
