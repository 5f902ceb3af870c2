"""The terminal's colours, in one place, chosen to read on light and dark themes alike.

A terminal theme decides what "default", "white" or "yellow" look like, so a style that sets a
background without a foreground shows dark on dark or light on light somewhere, and yellow or
cyan text fades on a white background. Hence: a background always comes with its foreground,
and text colours come from those that read on both (red, green, magenta), or none at all.
"""

BORDER_STYLE = "grey50"
FIXED_STYLE = "black on grey85"
"""Fixed items (plenaries, breaks, meals) as a light band with dark text, on any theme."""
AUDIENCE_STYLE = "bold magenta"
REPEAT_STYLE = "green"
DAY_RULE_STYLE = "grey50"
BEST_STYLE = "bold green"
"""The best value of a row in a comparison."""
CHANGED_STYLE = "bold magenta"
"""A placement that differs from the reference in a comparison."""
WARNING_STYLE = "bold magenta"
"""No schedule in time, a published program that breaks a rule: worth a look, not an error."""

STYLES = {
    "border": BORDER_STYLE,
    "fixed": FIXED_STYLE,
    "audience": AUDIENCE_STYLE,
    "repeat": REPEAT_STYLE,
    "day rule": DAY_RULE_STYLE,
    "best": BEST_STYLE,
    "changed": CHANGED_STYLE,
    "warning": WARNING_STYLE,
}
"""Every style above by what it marks, for the test that holds them to the rule."""
