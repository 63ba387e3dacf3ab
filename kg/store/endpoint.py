"""Where an ``http(s)://`` ``--store`` value sends queries and updates, with which credentials,
and how long it waits (the URL rules are in :mod:`kg.store.spec`).

Credentials come from the URL (``http://USER:PASSWORD@host:8890/sparql``) or, failing that, from
``FAZHI_KG_ENDPOINT_USER`` and ``FAZHI_KG_ENDPOINT_PASSWORD``.  Connecting and answering have
separate timeouts: ``FAZHI_KG_CONNECT_TIMEOUT`` (default 10 s) for the connection,
``FAZHI_KG_ENDPOINT_TIMEOUT`` (default 60 s; ``build --timeout`` and ``query --timeout`` set it
for one run) for each answer once connected.
"""

from __future__ import annotations

import os
import re
import urllib.parse
from dataclasses import dataclass

from kg.errors import UsageError

USER_ENV = "FAZHI_KG_ENDPOINT_USER"
PASSWORD_ENV = "FAZHI_KG_ENDPOINT_PASSWORD"

@dataclass(frozen=True)
class Endpoint:
    """Where one ``--store`` URL sends queries and updates, and with which credentials."""

    shown: str  # the spec as messages show it: the password masked
    query_url: str
    update_url: str
    user: str | None = None
    password: str | None = None


def _credentials(url: str) -> tuple[str, str | None, str | None, str]:
    """The URL without ``user:password@``, the (percent-decoded) user and password, and the URL as
    messages show it (the password masked)."""
    parts = urllib.parse.urlsplit(url)
    if "@" not in parts.netloc:
        return url, None, None, url
    userinfo, _, hostport = parts.netloc.rpartition("@")
    user, sep, password = userinfo.partition(":")
    shown = urllib.parse.urlunsplit(parts._replace(netloc=f"{user}{':***' if sep else ''}@{hostport}"))
    bare = urllib.parse.urlunsplit(parts._replace(netloc=hostport))
    return bare, urllib.parse.unquote(user), urllib.parse.unquote(password) if sep else None, shown


def endpoint(spec: str, *, environ: dict[str, str] | None = None) -> Endpoint:
    """The query and update URLs and the credentials an ``http(s)://`` ``--store`` value names
    (the rules are in :mod:`kg.store.spec`)."""
    env = os.environ if environ is None else environ
    bare = [_credentials(u) for u in re.split(r",(?=https?://)", spec.strip(), maxsplit=1)]
    user, password = next(((u, p) for _, u, p, _ in bare if u), (None, None))
    if user is None and env.get(USER_ENV):
        user, password = env[USER_ENV], env.get(PASSWORD_ENV, "")
    elif user is not None and password is None:  # the user in the URL, the password kept out of it
        password = env.get(PASSWORD_ENV)
    shown = ",".join(b[3] for b in bare).rstrip("/")
    if len(bare) == 2:
        return Endpoint(shown, bare[0][0], bare[1][0], user, password if user else None)
    parts = urllib.parse.urlsplit(bare[0][0])
    path = parts.path.rstrip("/")
    head, _, last = path.rpartition("/")

    def at(p: str) -> str:
        return urllib.parse.urlunsplit(parts._replace(path=p))

    if last in ("sparql", "sparql-auth"):
        query_url = update_url = at(path)
    else:
        base = head if last in ("query", "update") else path
        query_url, update_url = at(base + "/query"), at(base + "/update")
    return Endpoint(shown, query_url, update_url, user, password if user else None)


def seconds(name: str, default: float) -> float:
    """A timeout from the environment: ``name``'s value in seconds, or ``default``."""
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise UsageError(f"{name} must be a number of seconds above 0 (like 30 or 2.5), not {text!r}")
    return value


def connect_timeout() -> float:
    return seconds("FAZHI_KG_CONNECT_TIMEOUT", 10.0)


def answer_timeout() -> float:
    return seconds("FAZHI_KG_ENDPOINT_TIMEOUT", 60.0)
