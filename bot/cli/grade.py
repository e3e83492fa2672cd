"""Placeholder: ``viva grade`` (issue 4/7, free-text grading) goes here."""

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    return None
