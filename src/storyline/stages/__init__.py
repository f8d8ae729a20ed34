"""The built-in per-article stages; importing this package registers them."""

from storyline.stages import claims, dates, events, figures, language, parse, quotes

__all__ = ["claims", "dates", "events", "figures", "language", "parse", "quotes"]
