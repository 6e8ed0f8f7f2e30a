"""Tests that kill the mutants the other tests let live (README, "Mutation testing").

Each asserts what a clerk would see (a printed figure, a saved file, a message), with the
expected value taken from nd30-format.md, plan-format.md or worked by hand.
"""

from __future__ import annotations
