"""Placeholder: ``viva equiv``, ``viva check`` and ``viva derive`` (issue 2/7) go here."""

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    return None
