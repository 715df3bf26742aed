"""Recipients read from the whole document or from a programme: a region's named members, the lead's list, a
programme's cues."""

from __future__ import annotations

import pytest
from recipient_cases import candidates_of as _candidates

from aidfigures.parse.context import read_context
from aidfigures.parse.recipient_groups import lead_list, region_recipient

# (text, the key of the region's recipient): a region with no label of its own is the members the text names,
# in the order it first names them; members it does not name are left out
REGION_MEMBERS = {
    "en-horn-three-named": ("Drought in the Horn of Africa hit Somalia hardest; Kenya and Ethiopia asked for help.",
                            "SOM|KEN|ETH"),
    "en-members-before-region": ("Uganda and Djibouti face drought. The Horn of Africa needs food; Sudan too.",
                                 "UGA|DJI|SDN"),
    "es-cuerno": ("La sequía del Cuerno de África golpea a Somalia y a Uganda.", "SOM|UGA"),
}


@pytest.mark.parametrize("text, key", REGION_MEMBERS.values(), ids=REGION_MEMBERS)
def test_a_region_without_a_label_is_the_members_the_document_names(text: str, key: str) -> None:
    doc = read_context(text)
    group = region_recipient(doc, "HORN_OF_AFRICA")
    assert group is not None and group.key == key and group.iso3 is None


# (text): a labelled region stays its label; a region with fewer than two named members has no member group
REGION_LABEL_KEPT = {
    "labelled-region": "Central America got $50 million; Guatemala and Honduras got most of it.",
    "one-member-named": "The Horn of Africa got $50 million, and Kenya asked for more.",
    "no-member-named": "The Horn of Africa got $50 million.",
}


@pytest.mark.parametrize("text", REGION_LABEL_KEPT.values(), ids=REGION_LABEL_KEPT)
def test_a_labelled_region_or_one_member_is_no_member_group(text: str) -> None:
    doc = read_context(text)
    assert region_recipient(doc, "CENTRAL_AMERICA") is None and region_recipient(doc, "HORN_OF_AFRICA") is None


# (text, the member group): the region named in the figure's sentence is the members the document names
REGION_IN_SENTENCE = {
    "horn-in-clause": ("Kenya, Somalia and Ethiopia face famine. Donors pledged $200 million for the Horn of "
                       "Africa.", "KEN|SOM|ETH"),
    "horn-in-sentence-before": ("Kenya and Somalia face famine across the Horn of Africa. Donors pledged "
                                "$200 million.", "KEN|SOM"),
}


@pytest.mark.parametrize("text, key", REGION_IN_SENTENCE.values(), ids=REGION_IN_SENTENCE)
def test_a_region_named_near_the_figure_is_its_member_group(text: str, key: str) -> None:
    cands = _candidates(text)
    assert key in cands and "HORN_OF_AFRICA" not in cands


# (text, the lead's list): the first list of places in the document's lead is a candidate of every figure
LEAD_LIST = {
    "en-and": ("Aid for Mexico and Central America\nCongress debated the plan on Tuesday. "
               "It approved $400 million.", "MEX|CENTRAL_AMERICA"),
    "en-commas": ("Relief for Peru, Bolivia and Ecuador after the floods\nThe agency said it would send "
                  "$12 million.", "PER|BOL|ECU"),
    "es-y": ("Ayuda a Guatemala y Honduras\nEl Congreso aprobó ayer 30 millones de dólares.", "GTM|HND"),
}


@pytest.mark.parametrize("text, key", LEAD_LIST.values(), ids=LEAD_LIST)
def test_the_leads_list_of_places_is_a_candidate(text: str, key: str) -> None:
    cands = _candidates(text)
    assert cands[key].get("lead_list") == 1.0


# (text): no list in the lead (one place, or a list only after it), or a list with the United States
NO_LEAD_LIST = {
    "one-place": "Aid for Haiti\nCongress approved $400 million for the plan.",
    "with-united-states": "The United States and Mexico signed the plan\nCongress approved $400 million.",
    "list-far-below": "Aid news\n" + "Congress met again on the plan. " * 25 + "Peru and Chile got $5 million.",
}


@pytest.mark.parametrize("text", NO_LEAD_LIST.values(), ids=NO_LEAD_LIST)
def test_no_lead_list_without_a_list_of_recipients_in_the_lead(text: str) -> None:
    assert lead_list(read_context(text)) is None
    assert not any("lead_list" in f for f in _candidates(text).values())


# (text, programme's region, features it must have): a programme's region gets the cues a country named there
# gets (its scope, its distance, a receiver's verb or preposition)
PROGRAM_CUES = {
    "listed-receiver": ("Colombia and other ARI recipients have received more than $3 billion.", "ANDEAN",
                        {"clause", "receives", "program_clause"}),
    "figure-for": ("Congress added $105 million for the Andean Counterdrug Initiative.", "ANDEAN",
                   {"clause", "figure_for", "near30", "after", "program_clause"}),
    "to-program": ("The House gave $60 million to CARSI.", "CENTRAL_AMERICA", {"clause", "near30", "after"}),
}


@pytest.mark.parametrize("text, key, features", PROGRAM_CUES.values(), ids=PROGRAM_CUES)
def test_a_programmes_region_has_the_cues_of_a_place(text: str, key: str, features: set[str]) -> None:
    assert features <= set(_candidates(text)[key])


# (text, the head's country, a country only a menu line names): a web page's menu lines before the title are
# not its head
MENU_HEAD = {
    "two-menus": ("Home News Library Links Shop Israel Travel Women About\n"
                  "History Politics Religion Myths & Facts Israel Education\n\nJordan: Aid From Abroad\n\n"
                  "The kingdom has signed several agreements with donors over the years.\n"
                  "The last one was worth $1 billion.", "JOR", "ISR"),
    "one-menu": ("Subscribe Donate Contact Careers Press Events Peru Topics Regions\nBolivia gets help\n\n"
                 "The plan is ready after a long debate among the donors.\nIt costs $5 million.", "BOL", "PER"),
}


@pytest.mark.parametrize("text, head, menu", MENU_HEAD.values(), ids=MENU_HEAD)
def test_a_web_pages_menu_lines_are_not_its_head(text: str, head: str, menu: str) -> None:
    cands = _candidates(text)
    assert cands[head].get("head") == 1.0
    assert "head" not in cands.get(menu, {})


# (text, the head's country): a title-case headline is no menu (it has a digit, a sign or fewer words)
HEADLINE_HEAD = {
    "short-title-case": ("Donors Pledge More Aid For Haiti\nThe plan is ready after a long debate among the "
                         "donors.\nIt costs $5 million.", "HTI"),
    "with-money": ("Congress Approves $40 Million Package For Honduras And Its Police Forces\nThe plan is ready "
                   "after a long debate among the donors.\nIt costs $5 million.", "HND"),
}


@pytest.mark.parametrize("text, head", HEADLINE_HEAD.values(), ids=HEADLINE_HEAD)
def test_a_headline_stays_the_head(text: str, head: str) -> None:
    assert _candidates(text)[head].get("head") == 1.0
