"""Whether a figure is aid, decided by the fitted model (parse/aid.py), on sentences written for these tests."""

import pytest

from aidfigures.extract import extract
from aidfigures.parse.aid import KINDS, aid_cues, aid_features, decide_aid
from aidfigures.parse.choice import read_model
from aidfigures.parse.context import read_context

# (text, [is_aid of each figure]), grouped by the kind of clue; none of these is in benchmarks/aid_examples.csv
CASES = {
    # aid given, pledged, received or requested
    "gave-grant": ("Norway gave Guatemala a grant of $6 million for schools.", [True]),
    "pledged": ("At the conference, Sweden pledged 15 million euros to Haiti.", [True]),
    "received-assistance": ("Paraguay received $3 million in US assistance in 2004.", [True]),
    "requested": ("The administration requested $80 million in counternarcotics aid for Peru.", [True]),
    "donó-es": ("Corea donó 2 millones de dólares a Honduras tras las lluvias.", [True]),
    "recibió-es": ("Bolivia recibió una ayuda de 10 millones de euros de la Unión Europea.", [True]),
    # a gift in kind, "valued at" / "worth"
    "equipment-valued-at": ("The Dutch navy handed over patrol boats valued at $9 million to Suriname.", [True]),
    "donated-worth": ("Spain donated ambulances worth 2 million euros to Ecuador.", [True]),
    "valorados-es": ("Estados Unidos entregó vehículos valorados en 4 millones de dólares a Panamá.", [True]),
    # a government's own budget or spending
    "own-budget": ("Ecuador's defense budget this year is $1.5 billion.", [False]),
    "spent-own-money": ("Nicaragua spent $25 million of its own money on new clinics.", [False]),
    "presupuesto-es": ("El presupuesto nacional de Paraguay para salud es de 700 millones de dólares.", [False]),
    # prices, fees, donation asks
    "price": ("The price of a litre of fuel in Caracas rose to $1.", [False]),
    "ticket": ("A ticket for the benefit concert costs $80.", [False]),
    "cuesta-es": ("Una mochila escolar cuesta 12 dólares.", [False]),
    # damage, losses, needs and deficits
    "damage": ("The floods caused $400 million in damage across Bolivia.", [False]),
    "losses": ("Coffee growers suffered losses of $60 million after the frost.", [False]),
    "daños-es": ("Los daños causados por el sismo superan los 900 millones de dólares.", [False]),
    # bribes and theft
    "bribe": ("The judge accepted a bribe of $100,000 from the cartel.", [False]),
    "embezzled": ("The mayor embezzled $2 million from the city.", [False]),
    "soborno-es": ("El contratista pagó sobornos por 3 millones de dólares.", [False]),
    # trade, investment, sales
    "exports": ("Peru's copper exports reached $14 billion last year.", [False]),
    "investment": ("Foreign investors put $3 billion into Colombian oil fields.", [False]),
    "ventas-es": ("Las ventas de banano de Ecuador llegaron a 3.000 millones de dólares.", [False]),
}


@pytest.mark.parametrize("text, aid", CASES.values(), ids=CASES.keys())
def test_is_aid_of_each_figure(text, aid):
    assert [bool(v) for v in extract(text)["is_aid"]] == aid


def test_cue_words_are_found_by_kind():
    doc = read_context("Donors pledged $3 million, but the damage reached $90 million.")
    assert {k for k, _, _ in aid_cues(doc, 0)} == {"pledge", "damage"}
    assert set(KINDS) >= {"aid", "budget", "price", "damage", "bribe", "trade", "worth"}


def test_features_say_where_the_cue_is():
    text = "The storm caused $80 million in damage."
    doc = read_context(text)
    start = text.index("$")
    feats = aid_features(doc, (0, len(text)), (0, len(text)), start, start + 11)
    assert {"damage:adjacent", "damage:clause", "nearest:damage", "after:damage"} <= set(feats)


def test_the_decision_has_a_probability():
    text = "Japan gave Peru $5 million in aid."
    doc = read_context(text)
    start = text.index("$")
    is_aid, p = decide_aid(doc, (0, len(text)), (0, len(text)), start, start + 10)
    assert is_aid and 0.5 <= p <= 1.0


def test_the_model_is_fitted():
    model = read_model("aid")
    assert "fit_aid.py" in model.fitted and model.weights["damage:clause"] < 0


@pytest.mark.parametrize("slot", ["aid_cues", "aid_fields"])
def test_aid_patterns_compile_and_need_some_text(slot):
    import re

    from aidfigures.lang import read_vocab_all

    for row in read_vocab_all(slot):
        pattern = re.compile(row["pattern"])  # raises if it does not compile
        assert pattern.fullmatch("") is None and pattern.search("   ") is None, row


def test_aid_fields_are_per_language():
    from aidfigures.parse.cues import find_cues

    assert [c.value for c in find_cues("They paid bribes.", "en") if c.field == "not_aid"] == ["bribe"]
    assert [c.value for c in find_cues("Pagaron sobornos.", "es") if c.field == "not_aid"] == ["bribe"]
    assert [c.field for c in find_cues("La ayuda llegó.", "es")] == ["aid"]
