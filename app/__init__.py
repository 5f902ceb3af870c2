"""AMJ Scheduler: conference scheduling with CP-SAT.

The library lives in subpackages: `models` (what a conference is), `solver` (how it is
placed), `checker` (an independent judge of any schedule), `reports` (how it is published).
"""
