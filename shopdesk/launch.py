"""The ``shopdesk`` command's entry point. Opening the window (no command word) goes
straight to the window's start, which paints its frame before the database layers are
imported; every command (``shopdesk db``, ``load``, ``--help``…) goes to ``shopdesk.cli``,
whose module imports SQLAlchemy at once."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from shopdesk.errors import ShopDeskError


def window_parser() -> argparse.ArgumentParser:
    """The options of the window (``shopdesk [--db URL] [--demo] [--agent KEY] [--lang L]``);
    ``shopdesk.cli.build_parser`` declares the same ones, with their help texts."""
    parser = argparse.ArgumentParser(prog="shopdesk", add_help=False, exit_on_error=False)
    parser.add_argument("--db", default=None)
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--agent")
    parser.add_argument("--lang", choices=["en", "zh_CN"])
    return parser


def window_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """The window's options, or None when ``argv`` is a command, asks for help, or is not
    valid (the full command line then says what is wrong)."""
    if any(a in ("-h", "--help", "--version") for a in argv):
        return None
    try:
        args, rest = window_parser().parse_known_args(list(argv))
    except (argparse.ArgumentError, SystemExit):
        return None
    if rest:
        return None
    args.command = None
    return args


def run_window(args: argparse.Namespace) -> int:
    import logging

    from shopdesk.ui.platform_check import window_problem

    problem = window_problem()  # before Qt: missing X11 libraries would abort Qt itself
    if problem:
        logging.getLogger(__name__).warning("the window cannot open: %s", problem)
        print(problem, file=sys.stderr)
        return 1
    try:
        from shopdesk.ui.app import run
    except ImportError as exc:  # pragma: no cover - a broken Qt install
        raise ShopDeskError(f"the window cannot open: Qt is not usable here ({exc})") from None
    return run(args)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = window_args(argv)
    if args is None:
        from shopdesk.cli import main as command_main

        return command_main(argv)
    from shopdesk.logs import setup_logging

    setup_logging()
    try:
        return run_window(args)
    except ShopDeskError as exc:
        print(f"shopdesk: {exc}", file=sys.stderr)
        return 1
