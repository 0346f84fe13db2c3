"""Domain errors that the CLI turns into one clear line and a documented exit code.

Exit codes (also in the README):
  0  success
  1  a domain error (bad input file, failed detection run, ...)
  2  usage error (typer/click: unknown option, missing argument; a bad option value or connection setting)
  3  database unreachable
  4  database authentication failed
  5  too many rejected rows (over --max-reject-rate)
  6  local server not installed / cannot be installed (Java or Maven missing)
  7  another refresh holds the lock
"""

from __future__ import annotations


class NetforensicsError(Exception):
    """An error the user can act on; ``str(err)`` is the one line shown to them."""

    exit_code = 1


class UsageError(NetforensicsError):
    """A value the user gave cannot work (a size, a seed, a URI, a password file): the exit code of click's own
    usage errors, so scripts see one code for "fix the command line or settings"."""

    exit_code = 2


class DatabaseUnavailable(NetforensicsError):
    exit_code = 3


class AuthenticationFailed(NetforensicsError):
    exit_code = 4


class TooManyRejects(NetforensicsError):
    exit_code = 5


class ServerNotInstalled(NetforensicsError):
    exit_code = 6


class RefreshLocked(NetforensicsError):
    exit_code = 7
