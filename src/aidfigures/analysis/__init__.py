"""From figures to facts: exchange-rate gaps, constant dollars, facts, claims, and official data."""

from .claims import claims, find_claims, select_claims
from .constant import DEFLATORS, in_dollars_of, price_index, to_constant
from .facts import facts
from .fx import fx_gaps
from .official import REFERENCES, official_rows, read_reference
from .reference import compare_reference

__all__ = ["DEFLATORS", "REFERENCES", "claims",
           "compare_reference", "facts", "find_claims", "fx_gaps", "in_dollars_of", "official_rows",
           "price_index", "read_reference", "select_claims", "to_constant"]
