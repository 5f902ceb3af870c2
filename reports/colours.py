"""A colour per track, the same in the HTML grid, the workbook and the apps' schedule files."""

from __future__ import annotations

import colorsys
import zlib

from amj_scheduler.models import Track

LIGHTNESS = 0.45
SATURATION = 0.55
"""The track's edge colour in grid.html, `hsl(hue 55% 45%)`: dark enough for white text on it."""


def track_hue(track: Track) -> int:
    """A colour hue (0-359) for the track, from its id: stable from run to run and machine to
    machine (unlike Python's salted `hash`), so the same schedule always publishes the same page."""
    return zlib.crc32(track.id.encode("utf-8")) % 360


def track_colour(track: Track) -> str:
    """The track's colour as `#rrggbb`, as schedule.xml and schedule.json give it to the apps: the
    conference's own (`tracks[].color`) when it gives one, else the page's shade of the track's hue."""
    if track.color:
        return track.color.lower()
    red, green, blue = colorsys.hls_to_rgb(track_hue(track) / 360, LIGHTNESS, SATURATION)
    return "#" + "".join(f"{round(channel * 255):02x}" for channel in (red, green, blue))
