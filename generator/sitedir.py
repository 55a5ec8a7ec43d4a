"""The build directory as one unit: what it contains, readable by any web server, swapped in whole.

A site is staged next to site/ as `.site-<random>`, made world-readable, and exchanged with the old
one in a single rename (Linux renameat2 with RENAME_EXCHANGE), so site/ always holds a complete
site, even if the build is killed. A lock file keeps two builds of the same site apart."""

from __future__ import annotations

import ctypes
import errno
import fcntl
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

MANIFEST = "documenten.json"
RENAME_EXCHANGE = 2
AT_FDCWD = -100


class BuildError(Exception):
    pass


def manifest(documents: Iterable[str]) -> str:
    """The list of source documents a site was built from; later builds compare against it."""
    return json.dumps({"documenten": sorted(documents)}, ensure_ascii=False, indent=1) + "\n"


def published(site: Path) -> list[str] | None:
    """The documents on a built site, or None if the directory holds no site of ours."""
    try:
        data = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
        documents = data["documenten"]
    except (OSError, ValueError, TypeError, KeyError):
        return None
    return [d for d in documents if isinstance(d, str)] if isinstance(documents, list) else None


def lost(old_site: Path, documents: Iterable[str]) -> list[str] | None:
    """Documents of the current site missing from `documents`; None if the current site has
    something in it but no manifest, so nobody can tell what would be lost."""
    if not old_site.is_dir() or not any(old_site.iterdir()):
        return []
    old = published(old_site)
    if old is None:
        return None
    return sorted(set(old) - set(documents))


def lost_line(path: str) -> str:
    return f"{path}:1: bestand: staat op de huidige site, maar ontbreekt in de data"


@contextmanager
def locked(site_dir: Path) -> Iterator[None]:
    """Hold `.site.lock` next to site/ while building; a second build stops with a message.
    The kernel drops the lock when the process ends, however it ends."""
    path = site_dir.with_name(f".{site_dir.name}.lock")
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildError(f"er loopt al een build naar {site_dir.name}/ (slot {path.name}); probeer het zo opnieuw") from None
        yield
    finally:
        os.close(fd)


def staging_dir(site_dir: Path) -> Path:
    """A fresh directory next to site/, after removing what interrupted builds left behind."""
    for stale in site_dir.parent.glob(f".{site_dir.name}-*"):
        if stale.is_dir() and not stale.is_symlink():
            shutil.rmtree(stale, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-", dir=site_dir.parent))


def make_readable(tree: Path) -> None:
    """Directories 0755 and files 0644, whatever the umask or mkdtemp's 0700 said."""
    os.chmod(tree, 0o755)
    for base, dirs, files in os.walk(tree):
        for name in dirs:
            os.chmod(os.path.join(base, name), 0o755, follow_symlinks=False)
        for name in files:
            path = os.path.join(base, name)
            if not os.path.islink(path):
                os.chmod(path, 0o644)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically; False where the system cannot (not Linux, old kernel, odd file system)."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def swap_in(staging: Path, site_dir: Path) -> None:
    """Put the staged site at site/; the old one ends up in `staging` and is removed."""
    if site_dir.is_symlink() or (site_dir.exists() and not site_dir.is_dir()):
        raise BuildError(f"{site_dir} bestaat en is geen gewone map; verplaats het en bouw opnieuw")
    if not site_dir.exists():
        os.rename(staging, site_dir)
        return
    if not _exchange(staging, site_dir):
        # Two renames: for a moment there is no site/, but never a half one, and no loss.
        old = staging.with_name(f"{staging.name}-oud")
        os.rename(site_dir, old)
        try:
            os.rename(staging, site_dir)
        except OSError:
            os.rename(old, site_dir)
            raise
        os.rename(old, staging)
    shutil.rmtree(staging, ignore_errors=True)
