"""click's own words (usage errors, "Usage:", "Try … for help", the help's headings) in the
clerk's language, from kehoach's catalogues.

click marks its messages for the standard library's gettext (`from gettext import gettext as
_` in each of its modules) and translates them as it raises them, which can be before
kehoach's `--lang` is parsed. `speak` points those names of click's loaded modules at our
translator, for the language chosen from the command line (`requested_language`), before click
parses it. The msgids below are click's, copied exactly (tests/test_click_language.py checks
that click still has each), so that extraction keeps them in kehoach.pot.
"""

from __future__ import annotations

import gettext
import sys
from collections.abc import Sequence

from .. import messages
from ..messages import N_


def n_(singular: str, plural: str) -> tuple[str, str]:
    """Returns a plural message pair, marked for extraction (Babel's `n_:1,2`)."""
    return singular, plural


# The messages a clerk can meet from click in kehoach's commands (click 8.1-8.3).
CLICK_MESSAGES = (
    N_("Usage:"), N_("Options"), N_("Commands"), N_("Show this message and exit."), N_("Aborted!"),
    N_("Error: {message}"), N_("Try '{command} {option}' for help."),
    N_("Missing command."), N_("No such command {name!r}."), N_("No such option {name!r}."),
    n_("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"),
    n_("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"),
    N_("Missing argument"), N_("Missing option"), N_("Missing parameter"),
    N_("Missing parameter: {param_name}"),
    N_("Invalid value: {message}"), N_("Invalid value for {param_hint}: {message}"),
    N_("Option {name!r} does not take a value."),
    n_("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."),
    n_("{value!r} is not {choice}.", "{value!r} is not one of {choices}."),
    N_("{value!r} is not a valid {number_type}."), N_("{value} is not in the range {range}."),
    N_("file"), N_("directory"), N_("path"),
    N_("{name} {filename!r} does not exist."), N_("{name} {filename!r} is a file."),
    N_("{name} {filename!r} is a directory."), N_("{name} {filename!r} is not readable."),
)

# What click asks for on every run though only `--help` shows it: left as it is unless help is
# asked for, so that a run that prints nothing reads no catalogue (start-up, README "Speed").
_AHEAD_OF_NEED = frozenset({"Show this message and exit."})
_HELP_OPTIONS = frozenset({"--help", "-h"})
_language = messages.DEFAULT_LANGUAGE
_help_asked = False


def requested_language(args: Sequence[str]) -> str:
    """Returns the language `args` (a command line, without the program) asks for with
    `--lang`, else the locale's (`messages.choose_language`)."""
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            return messages.choose_language(args[index + 1])
        if arg.startswith("--lang="):
            return messages.choose_language(arg.partition("=")[2])
    return messages.choose_language()


def speak(lang: str, args: Sequence[str] = ()) -> None:
    """Makes click's loaded modules word their messages in `lang` from now on, for the command
    line `args`."""
    global _language, _help_asked
    _language = lang
    _help_asked = not _HELP_OPTIONS.isdisjoint(args)
    for name, module in list(sys.modules.items()):
        if name.partition(".")[0] != "click":
            continue
        if getattr(module, "_", None) is gettext.gettext:
            module._ = _gettext  # type: ignore[attr-defined]
        if getattr(module, "ngettext", None) is gettext.ngettext:
            module.ngettext = _ngettext  # type: ignore[attr-defined]


def _gettext(message: str) -> str:
    if message in _AHEAD_OF_NEED and not _help_asked:
        return message
    return messages.translator(_language).gettext(message)


def _ngettext(singular: str, plural: str, count: int) -> str:
    return messages.translator(_language).ngettext(singular, plural, count)
