"""The "as of" stamp every published file carries, so that two printed or synced versions of a
grid can be told apart at a glance: a version that names the grid, and the date it was published.

The version is the first 8 hex digits of the SHA-256 of the grid as `grid.csv` holds it (for a
grid amj-solve wrote, `sha256sum grid.csv` shows it): the same placements, titles and names give
the same version, any change gives another. The date is the planner's (`--as-of`), else the
reproducible-builds `SOURCE_DATE_EPOCH`, else today; with a fixed date, the same grid publishes
byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass

from .formatting import long_date

VERSION_DIGITS = 8


@dataclass(frozen=True)
class Stamp:
    version: str
    """8 hex digits naming the grid."""
    as_of: dt.date

    @property
    def text(self) -> str:
        """'version 3f2a9c1b as of Thursday 1 April 2010', as footers and page headers print it."""
        return f"version {self.version} as of {long_date(self.as_of)}"

    @property
    def short(self) -> str:
        """'3f2a9c1b, 2010-04-01': where space is scarce (schedule.xml's <version>, a sheet's footer)."""
        return f"{self.version}, {self.as_of.isoformat()}"

    @property
    def moment(self) -> dt.datetime:
        """Midnight UTC of the as-of date: the calendars' DTSTAMP and the workbook's dates, so
        that they too stay the same from run to run."""
        return dt.datetime.combine(self.as_of, dt.time(0), tzinfo=dt.UTC)


def grid_stamp(grid_csv_text: str, as_of: dt.date | None = None, environ: Mapping[str, str] = os.environ) -> Stamp:
    version = hashlib.sha256(grid_csv_text.encode("utf-8")).hexdigest()[:VERSION_DIGITS]
    return Stamp(version, as_of or default_as_of(environ))


def default_as_of(environ: Mapping[str, str] = os.environ) -> dt.date:
    """`SOURCE_DATE_EPOCH` (seconds since 1970, UTC) when set, as reproducible builds do; else today."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()
