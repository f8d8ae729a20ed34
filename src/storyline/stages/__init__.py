"""The built-in per-article stages; importing this package registers them."""

from storyline.stages import claims, dates, events, figures, language, parse, quotes
from storyline.stages.quotes import learned

__all__ = ["claims", "dates", "events", "figures", "language", "learned", "parse", "quotes"]
