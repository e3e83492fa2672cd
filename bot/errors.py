"""The three kinds of failure Viva tells apart.

- ``UserFacingError``: the person typed or chose something we cannot use; show the
  message as it is (ephemerally in Discord) and change nothing.
- ``ConfigError``: the deployment is misconfigured (a setting, a bank file, a database URL);
  one clear line for the operator, no traceback.
- anything else is a bug: log it and give a short generic reply.
"""


class VivaError(Exception):
    """Base class for errors whose message is meant to be read by a person."""


class UserFacingError(VivaError):
    """Bad input from a user: the message is shown to them verbatim."""


class ConfigError(VivaError):
    """A problem in settings, bank files or the environment, reported in one line."""
