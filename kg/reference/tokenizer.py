"""jieba, the tokenizer, with the unit lexicon and the theme keywords as its user dictionary, so
that 区司法局 or 行政复议 come out as one word.  jieba is imported lazily (its dictionary takes a
second to load) and without ``pkg_resources``."""

from __future__ import annotations

import io
import logging
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import jieba

from kg.reference.lexicon import LEVEL_PREFIXES, LexEntry, collective_subjects, metrics, placeholders, themes, unit_lexicon

# jieba frequencies for the lexicon's words: high enough to win over jieba's own splits
_FREQ_UNIT = 50_000
_FREQ_TERM = 5_000
_JIEBA_WORD = re.compile(r"^[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+$")


def _prefixed_forms(entry: LexEntry) -> list[str]:
    """区司法局, 市司法局 …; for party organs also 区委编办, 市委组织部."""
    forms = []
    party = entry.type == "party_organ" and (entry.template or "").endswith("委" + entry.name)
    for label in entry.labels:
        for prefix in LEVEL_PREFIXES:
            forms.append(prefix + label)
            if party and not label.startswith("委"):
                forms.append(prefix + "委" + label)
    return forms


@lru_cache(maxsize=1)
def _jieba_default_freqs() -> dict[str, int]:
    import importlib.util

    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        return {}
    path = Path(spec.origin).parent / "dict.txt"
    freqs: dict[str, int] = {}
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            word, freq, *_ = line.split(" ")
            freqs[word] = int(freq)
    return freqs


@lru_cache(maxsize=1)
def _user_words() -> tuple[tuple[str, int, str], ...]:
    words: dict[str, tuple[int, str]] = {}

    def add(word: str, freq: int, tag: str) -> None:
        if len(word) >= 2 and _JIEBA_WORD.match(word) and word not in words:
            words[word] = (freq, tag)

    for entry in unit_lexicon():
        for word in (*entry.labels, *_prefixed_forms(entry)):
            add(word, _FREQ_UNIT, "nt")
    for word in (*collective_subjects(), *placeholders()):
        add(word, _FREQ_UNIT, "nt")
    for metric in metrics():
        for word in (metric.label_zh, *metric.aliases):
            add(word, _FREQ_TERM, "n")
    for theme in themes():
        for word in theme.keywords:
            add(word, _FREQ_TERM, "n")
    return tuple((w, f, t) for w, (f, t) in sorted(words.items()))


def _user_dict_text(default: dict[str, int]) -> str:
    return "".join(f"{w} {max(f, default.get(w, 0))} {t}\n" for w, f, t in _user_words())


@lru_cache(maxsize=1)
def jieba_user_dict() -> str:
    """The vocabularies as a jieba user dictionary: one ``word freq tag`` line per word.

    Units, their prefixed forms, collective subjects and placeholders are tagged ``nt``
    (organisation); metric labels and theme keywords ``n``.  A word's frequency is never set
    below the one jieba's own dictionary gives it.
    """
    return _user_dict_text(_jieba_default_freqs())


def import_jieba():
    """``import jieba``, without the half second jieba spends importing ``pkg_resources`` (used
    only to open its own data files; when it is missing jieba opens them by path, the same
    files).  Anything that imports pkg_resources later gets the real one."""
    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    hide = "pkg_resources" not in sys.modules
    if hide:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes `import pkg_resources` fail
    try:
        import jieba
    finally:
        if hide:
            del sys.modules["pkg_resources"]
    # jieba announces every dictionary it loads on the terminal, and prints a traceback when it
    # cannot write its cache; the library stays quiet (without a cache jieba only starts slower)
    jieba.setLogLevel(logging.CRITICAL)
    jieba.dt.tmp_dir = _cache_dir()
    return jieba


_NO_CACHE = "/nonexistent/fazhi-kg-no-cache"  # jieba reads no cache there, and cannot write one


@lru_cache(maxsize=1)
def _cache_dir() -> str:
    """Where jieba keeps its prefix-dictionary cache: the user's own ``$XDG_CACHE_HOME/fazhi-kg``
    (``~/.cache/fazhi-kg``), never the shared temporary folder, where a cache another user wrote
    (root's, say) can be neither read nor replaced.  Where no such folder can be made or
    written, nowhere: jieba builds its dictionary each time (0.7 s), with no error."""
    import os

    base = os.environ.get("XDG_CACHE_HOME", "").strip() or os.path.join(os.path.expanduser("~"), ".cache")
    folder = os.path.join(base, "fazhi-kg")
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    except OSError:
        return _NO_CACHE
    if not os.access(folder, os.W_OK | os.X_OK):
        return _NO_CACHE
    return folder


def _full_tokenizer() -> "jieba.Tokenizer":
    """jieba's whole prefix dictionary in memory (0.6 s to load from its cache) plus ours."""
    jieba = import_jieba()

    tok = jieba.Tokenizer()
    tok.tmp_dir = _cache_dir()
    tok.initialize()
    # the same lines as jieba_user_dict(), with jieba's frequencies taken from the tokenizer
    # just loaded rather than by reading its dictionary file a second time (0.7 s)
    tok.load_userdict(io.StringIO(_user_dict_text(tok.FREQ)))
    return tok


# A short job (one document rebuilt, a query's words) looks a few thousand words up; a long one
# (a corpus) millions, and is better served by the whole dictionary in memory.  Past this many
# lookups the tokenizer loads it and goes on with it: the same words, the same cuts.
LOOKUPS_BEFORE_FULL_LOAD = 150_000


class _WordTable:
    """jieba's prefix dictionary (word → frequency, 0 for a word's prefix) read word by word from
    an SQLite file, each answer kept; it stands in for the ``FREQ`` dict of a jieba tokenizer,
    which only looks words up in it (``in``, ``[]``, ``get``)."""

    def __init__(self, tok, path: Path, budget: int):
        import os

        self._tok, self._path, self._budget, self._memo = tok, path, budget, {}
        self._pid, self._db = os.getpid(), self._connect()

    def _connect(self):
        import sqlite3

        return sqlite3.connect(f"{self._path.as_uri()}?mode=ro", uri=True, check_same_thread=False)

    def _look(self, word: str) -> int | None:
        try:
            return self._memo[word]
        except KeyError:
            pass
        import os

        if os.getpid() != self._pid:  # a worker forked from the process that opened it: its own connection
            self._pid, self._db = os.getpid(), self._connect()
        row = self._db.execute("SELECT f FROM freq WHERE w = ?", (word,)).fetchone()
        value = self._memo[word] = row[0] if row else None
        self._budget -= 1
        if self._budget <= 0:
            full = _full_tokenizer()
            self._tok.FREQ, self._tok.total = full.FREQ, full.total
            self._db.close()
        return value

    def __contains__(self, word: str) -> bool:
        return self._look(word) is not None

    def __getitem__(self, word: str) -> int:
        value = self._look(word)
        if value is None:
            raise KeyError(word)
        return value

    def get(self, word: str, default: int | None = None) -> int | None:
        value = self._look(word)
        return default if value is None else value


def _table_path() -> Path | None:
    """Where the word table of this jieba dictionary and this user dictionary is kept (its name
    says which), or None where there is no cache folder."""
    import hashlib
    import importlib.util

    folder = _cache_dir()
    spec = importlib.util.find_spec("jieba")
    if folder == _NO_CACHE or spec is None or spec.origin is None:
        return None
    dictionary = Path(spec.origin).parent / "dict.txt"
    try:
        stat = dictionary.stat()
    except OSError:
        return None
    key = hashlib.sha256(repr((str(dictionary), stat.st_size, stat.st_mtime_ns, _user_words())).encode("utf-8"))
    return Path(folder) / f"jieba-words-{key.hexdigest()[:16]}.sqlite"


def _write_table(tok, path: Path) -> None:
    """The tokenizer's whole dictionary as an SQLite table, written beside and renamed into place."""
    import os
    import sqlite3
    import tempfile

    fd, name = tempfile.mkstemp(prefix=".jieba-words-", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        with sqlite3.connect(name) as db:
            db.execute("CREATE TABLE freq (w TEXT PRIMARY KEY, f INTEGER NOT NULL) WITHOUT ROWID")
            db.execute("CREATE TABLE meta (k TEXT PRIMARY KEY, v INTEGER NOT NULL)")
            db.executemany("INSERT INTO freq VALUES (?, ?)", sorted(tok.FREQ.items()))
            db.execute("INSERT INTO meta VALUES ('total', ?)", (tok.total,))
        db.close()
        os.replace(name, path)
    except (OSError, sqlite3.Error):
        try:
            os.unlink(name)
        except OSError:
            pass


def _lazy_tokenizer(path: Path) -> "jieba.Tokenizer | None":
    """A jieba tokenizer that reads its dictionary from the word table ``path``, or None when the
    table cannot be read."""
    import sqlite3

    jieba = import_jieba()
    tok = jieba.Tokenizer()
    try:
        table = _WordTable(tok, path, LOOKUPS_BEFORE_FULL_LOAD)
        (total,) = table._db.execute("SELECT v FROM meta WHERE k = 'total'").fetchone()
        table._db.execute("SELECT f FROM freq WHERE w = '的'").fetchone()
    except (sqlite3.Error, TypeError):
        return None
    tok.FREQ, tok.total, tok.initialized = table, total, True
    return tok


@lru_cache(maxsize=1)
def tokenizer() -> "jieba.Tokenizer":
    """A jieba tokenizer of its own (the global one is left alone) with :func:`jieba_user_dict`.

    Loading jieba's whole dictionary takes 0.6 s, most of what rebuilding one document costs, so
    after the first use its words are kept in an SQLite table in the user's cache folder, and a
    new process looks words up there as it needs them, switching to the whole dictionary in
    memory once a long job has looked up many (:data:`LOOKUPS_BEFORE_FULL_LOAD`).  Either way the
    same frequencies answer every lookup, so the cuts are the same."""
    path = _table_path()
    if path is not None and path.is_file():
        tok = _lazy_tokenizer(path)
        if tok is not None:
            return tok
    tok = _full_tokenizer()
    if path is not None:
        _write_table(tok, path)
    return tok
