"""Money units below the extractor: annual exchange rates to US dollars, and money written for people."""

from .formatting import format_money
from .rates import to_usd, usd_rate, usd_rate_source

__all__ = ["format_money", "to_usd", "usd_rate", "usd_rate_source"]
