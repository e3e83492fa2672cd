"""Rendering math for Discord: PNG images (matplotlib mathtext) and Unicode fallbacks."""

from bot.render.mathimg import RenderedMath, has_math, render, render_async
from bot.render.unicode import latex_to_unicode, readable

__all__ = ["RenderedMath", "has_math", "latex_to_unicode", "readable", "render", "render_async"]
