"""The terminal's colours, shared by the slot grid and the per-room summary of breakout
windows, so that a fixed item or an audience badge looks the same in both."""

BORDER_STYLE = "grey50"
FIXED_STYLE = "on grey15"
AUDIENCE_STYLE = "bold magenta"
REPEAT_STYLE = "cyan"
