"""The planner's desk: `amj-solve serve`, a local web page over the same library the CLI uses.

`session.py` holds the one grid being edited (its versions, undo and redo, the checker's verdict on
each), `jobs.py` runs the searches (solve, re-plan, compare) beside the page, `board.py` lays the grid
out for the page, and `server.py` is the thin web layer (Starlette) over them. No rule is judged
here: every verdict is the independent checker's, every schedule the solver's through `planning`.
"""
