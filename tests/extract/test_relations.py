"""Relations between bodies: each needs two named ends and a cue in the parse."""

from __future__ import annotations

import pytest


def facts(result: dict, kind: str) -> list[dict]:
    """Facts of KIND (kept here: several test folders have a conftest.py, so none can be imported by name)."""
    return [f for f in result["facts"] if f["kind"] == kind]


def _relations(result: dict) -> set[tuple[str, str, str]]:
    by_id = {e["id"]: e["name"] for e in result["entities"]}
    return {(by_id[f["subject"]], f["relation"], by_id[f["object"]]) for f in facts(result, "relation")}


def _has(result: dict, subject: str, relation: str, obj: str) -> bool:
    rels = _relations(result)
    return (subject, relation, obj) in rels or (
        relation in ("rival_of", "cooperates_with", "allied_with") and (obj, relation, subject) in rels)


@pytest.mark.parametrize(
    ("text", "subject", "relation", "obj"),
    [
        ("The Wagner Group, a unit controlled by the GRU, has fought in Syria.", "Wagner Group", "subordinate_to",
         "GRU"),
        ("Hezbollah, a long-time ally of Tehran, fired rockets at the border.", "Hezbollah", "allied_with", "Tehran"),
        ("The Fars news agency, an outlet linked to the IRGC, reported the meeting.", "Fars news agency",
         "affiliated_with", "IRGC"),
        ("The enduring rivalry between the CIA and the FBI has sparked disputes.", "CIA", "rival_of", "FBI"),
        ("The power struggle between Prigozhin and Shoigu intensified in May.", "Prigozhin", "rival_of", "Shoigu"),
        ("Fatah clashed with Hamas in Gaza.", "Fatah", "rival_of", "Hamas"),
        ("Germany and France agreed to deepen their cooperation on defence.", "Germany", "cooperates_with",
         "France"),
        ("Turkey's cooperation with Russia worried NATO.", "Turkey", "cooperates_with", "Russia"),
        ("RT, a mouthpiece of the Kremlin, aired the interview.", "RT", "affiliated_with", "Kremlin"),
        ("The Houthis, backed by Iran, attacked a ship in the Red Sea.", "Houthis", "allied_with", "Iran"),
        ("Kataib Hezbollah is part of the Popular Mobilization Forces.", "Kataib Hezbollah", "part_of",
         "Popular Mobilization Forces"),
        ("Ahmed Hassan, a close ally of President Sisi, was appointed minister.", "Ahmed Hassan", "allied_with",
         "Sisi"),
        ("Hamas and Islamic Jihad coordinated the attack.", "Hamas", "cooperates_with", "Islamic Jihad"),
        ("Zhaksybekov, 49, is seen by analysts in Astana as a close ally of Abenov.", "Zhaksybekov", "allied_with",
         "Abenov"),
        ("Three generals were detained. The Anti-Corruption Agency, a rival of the KNB, said it had been "
         "investigating the group.", "Anti-Corruption Agency", "rival_of", "KNB"),
        ("The Mossad, a rival of Shin Bet, declined to comment.", "Mossad", "rival_of", "Shin Bet"),
        ("The Iran-backed Houthis attacked a ship.", "Houthis", "allied_with", "Iran"),
        ("Fatah and Hamas are bitter rivals.", "Fatah", "rival_of", "Hamas"),
        ("The United States and Britain conducted joint strikes on Houthi targets.", "United States",
         "cooperates_with", "Britain"),
        ("Hamas has deepened its cooperation with Iran.", "Hamas", "cooperates_with", "Iran"),
        ("Germany, a key ally of Ukraine, pledged more tanks.", "Germany", "allied_with", "Ukraine"),
        ("The Quds Force operates under the command of the IRGC.", "Quds Force", "subordinate_to", "IRGC"),
        ("Hossein Taeb, a cleric close to Ali Khamenei, lost his post.", "Hossein Taeb", "affiliated_with",
         "Ali Khamenei"),
        ("The Kremlin-controlled Channel One aired the speech.", "Channel One", "subordinate_to", "Kremlin"),
        ("Hezbollah, Iran's most powerful proxy, warned Israel.", "Hezbollah", "affiliated_with", "Iran"),
        ("Al-Shabaab, an affiliate of al-Qaeda, claimed the attack.", "Al-Shabaab", "affiliated_with", "al-Qaeda"),
        ("The Palestinian Authority answers to the PLO.", "Palestinian Authority", "subordinate_to", "PLO"),
        ("Kataib Hezbollah, an Iran-backed militia, has attacked US forces.", "Kataib Hezbollah", "allied_with",
         "Iran"),
        ("Chechen leader Ramzan Kadyrov, a Putin ally, sent troops.", "Ramzan Kadyrov", "allied_with", "Putin"),
        ("The Qassam Brigades, Hamas's armed wing, claimed the attack.", "Qassam Brigades", "part_of", "Hamas"),
    ],
)
def test_relation_from_cue(extract_text, text, subject, relation, obj):
    r = extract_text(text, published="2023-06-01")
    assert _has(r, subject, relation, obj), _relations(r)


@pytest.mark.parametrize(
    "text",
    [
        "The militia, a long-time ally of Tehran, fired rockets.",  # one end is no name
        "The rivalry between different security services has grown.",
        "The court ruled against Hamas leaders in a case linked to the war.",
        "Olaf Scholz met Emmanuel Macron in Paris.",
        "Khamenei's rivals criticised Raisi.",
        "Russia's war against Ukraine entered its third year.",
        "In cooperation with Interpol, police arrested the suspect.",
        "The killing was linked to Hezbollah.",
        "Vladimir Putin stood close to Xi Jinping during the parade.",
        "The ministry reported to Parliament on Tuesday that exports fell.",
        "Kataib Hezbollah fired rockets at the base. The group is part of a wider network.",  # "the group" is no name
        "Uzbekistan's State Security Service arrested two officers.",  # a country's agency is not part of it
        "Wagner Group leader Yevgeny Prigozhin, a former Putin ally, died in a crash.",  # a tie that is over
        "GM is seeking to sell the Delco Electronics parts group and the Hummer and Saab vehicle brands.",
    ],
)
def test_no_relation_without_two_named_ends(extract_text, text):
    assert _relations(extract_text(text, published="2023-06-01")) == set()


def test_symmetric_relation_told_twice_is_one_fact(extract_text):
    text = ("The rivalry between Fatah and Hamas deepened. "
            "Fatah clashed with Hamas again in Gaza City.")
    r = extract_text(text, published="2023-06-01")
    rel = [f for f in facts(r, "relation") if f["relation"] == "rival_of"]
    assert len(rel) == 1
    assert len(rel[0]["evidence"]) == 2


def test_an_active_verb_is_no_standing_tie(extract_text):
    r = extract_text("Apple TV connects to a Mac over a wireless network.", published="2007-01-10")
    assert _relations(r) == set()


# -- issue 2: more shapes of rivalry, parts, membership, leadership, cooperation ------------------------

@pytest.mark.parametrize(
    ("text", "subject", "relation", "obj"),
    [
        # rival_of
        ("Hezbollah and the Amal Movement, its closest ally, rejected the plan.", "Amal Movement", "allied_with",
         "Hezbollah"),
        ("Hezbollah claimed the attack. The group has been locked in a turf war with the Amal Movement.",
         "Hezbollah", "rival_of", "Amal Movement"),
        ("The Sinaloa Cartel fights alongside the Gulf Cartel, a long-time ally, in Tamaulipas.", "Sinaloa Cartel",
         "allied_with", "Gulf Cartel"),
        ("Fighting between rival cartel factions Los Chapitos and La Mayiza has killed hundreds.", "Los Chapitos",
         "rival_of", "La Mayiza"),
        # part_of
        ("The Free Syrian Army, a splinter of the Syrian Arab Army, claimed the bombing.", "Free Syrian Army",
         "part_of", "Syrian Arab Army"),
        ("Kataib Hezbollah, one of the factions of the Popular Mobilization Forces, denied the report.",
         "Kataib Hezbollah", "part_of", "Popular Mobilization Forces"),
        ("The Awami League's student wing, the Bangladesh Chhatra League, was banned.", "Bangladesh Chhatra League",
         "part_of", "Awami League"),
        ("The Alpha Group, an elite unit of the FSB, stormed the building.", "Alpha Group", "part_of", "FSB"),
        # member_of (a person's party)
        ("Ghassan Hasbani, a lawmaker from the Lebanese Forces, demanded a timetable.", "Ghassan Hasbani",
         "member_of", "Lebanese Forces"),
        ("Salahuddin Ahmed, a member of the BNP standing committee, spoke to reporters.", "Salahuddin Ahmed",
         "member_of", "BNP"),
        ("Nika Gvaramia, a leader of the Coalition for Change, was detained.", "Nika Gvaramia", "member_of",
         "Coalition for Change"),
        # leads
        ("Tarique Rahman, who leads the BNP from London, will return in December.", "Tarique Rahman", "leads",
         "BNP"),
        ("Kamala Persad-Bissessar heads the United National Congress.", "Kamala Persad-Bissessar", "leads",
         "United National Congress"),
        # subordinate_to / cooperates_with
        ("The General Security directorate, which answers to the Interior Ministry, detained three men.",
         "General Security", "subordinate_to", "Interior Ministry"),
        ("Europol will work with the FBI on the investigation.", "Europol", "cooperates_with", "FBI"),
        ("A joint operation by the Kenya Defence Forces and the Somali National Army freed the town.",
         "Kenya Defence Forces", "cooperates_with", "Somali National Army"),
    ],
)
def test_relation_from_cue_round_two(extract_text, text, subject, relation, obj):
    r = extract_text(text, published="2024-06-01")
    assert _has(r, subject, relation, obj), _relations(r)


@pytest.mark.parametrize(
    "text",
    [
        "Tarique Rahman, who led the BNP until 2007, returned to Dhaka.",  # a past tie
        "Ahmed Hassan, a member of the Security Council, voted against the resolution.",  # a seat, not a party
        "Maria Lopez worked with John Smith at Goldman Sachs in the 1990s.",  # a career, not a tie
        "Fars, Iran's semi-official news agency, published the report.",  # a country's agency is not part of it
        "Maria Lopez, a former lawmaker from the Liberal Party, died on Sunday.",  # a past membership
        "Blair Effron is a co-founder of Centerview Partners, a Wall Street investment bank.",  # a company
        "Wells Fargo board member Elaine Chao attended the hearing.",  # a seat on a board
        "The United States would work with other Security Council members on sanctions.",  # some members
        "Cheryl Mills cooperated fully with the Justice Department.",  # with an inquiry
        "Claudia Sheinbaum leads Xochitl Galvez by 20 points in the latest poll.",  # a poll
    ],
)
def test_no_relation_round_two(extract_text, text):
    rels = _relations(extract_text(text, published="2024-06-01"))
    assert not {r for r in rels if r[1] in ("leads", "member_of", "part_of", "cooperates_with")}, rels


def test_a_body_named_only_as_a_modifier_is_not_led(extract_text):
    out = extract_text("Senator Grace Akinyi, who chairs the Senate committee on security, welcomed the change.",
                       "2025-03-02")
    assert not [f for f in out["facts"] if f["kind"] == "relation" and f["relation"] == "leads"]
    out = extract_text("Ruth Otieno leads the Orange Democratic Movement.", "2025-03-02")
    assert [f for f in out["facts"] if f["kind"] == "relation" and f["relation"] == "leads"]


def test_obligations_and_denials_state_no_tie(extract_text):
    for text in (
        "The minister warned that the Syrian Democratic Forces and the Iraqi Army must coordinate with the "
        "Kurdish administration.",
        "The Sinaloa Cartel has not clashed with the Jalisco New Generation Cartel this year.",
    ):
        out = extract_text(text, "2025-03-02")
        assert not [f for f in out["facts"] if f["kind"] == "relation"], text
    out = extract_text("The Sinaloa Cartel clashed with the Jalisco New Generation Cartel in Zacatecas on Monday.",
                       "2025-03-02")
    assert [f for f in out["facts"] if f["kind"] == "relation" and f["relation"] == "rival_of"]


@pytest.mark.parametrize(
    ("text", "subject", "relation", "obj"),
    [
        # "in coalition/alliance with" after a relative pronoun: the name the clause hangs on
        ("The ruling Civic Platform, which governs in coalition with the Polish People's Party, backed the bill.",
         "Civic Platform", "allied_with", "Polish People's Party"),
        ("Marine Dubois, who was elected in alliance with the Green Party, resigned on Monday.", "Marine Dubois",
         "allied_with", "Green Party"),
        # "A and its ally B", whatever the parser hangs "ally" on
        ("The attack was carried out by al-Shabaab and its ally Hizbul Islam.", "al-Shabaab", "allied_with",
         "Hizbul Islam"),
        # partners in government are allies
        ("The Kurdistan Democratic Party's coalition partner, the Patriotic Union of Kurdistan, walked out of the "
         "session.", "Patriotic Union of Kurdistan", "allied_with", "Kurdistan Democratic Party"),
        ("The Free Democratic Party, a partner in the governing coalition led by the Social Democratic Party, "
         "demanded a vote.", "Free Democratic Party", "allied_with", "Social Democratic Party"),
        # "of which X is a member"
        ("Ministers discussed the Shanghai Cooperation Organisation, of which India is a member, at the summit.",
         "India", "member_of", "Shanghai Cooperation Organisation"),
        # "A and B, two parties that are allied"
        ("The bill was backed by Podemos and Sumar, two left-wing parties that are allied in parliament.", "Podemos",
         "allied_with", "Sumar"),
        # "a unit/body within B"; an apposition the parser hung on the clause's subject
        ("The Criminal Investigation Department, a unit within the Kenya Police Service, opened an inquiry.",
         "Criminal Investigation Department", "part_of", "Kenya Police Service"),
        ("The NIS, which answers to the president, has long competed with the Defence Security Command (DSC), a "
         "body within the Ministry of National Defence, over domestic cases.", "Defence Security Command",
         "part_of", "Ministry of National Defence"),
        # "the rebel group's war with B": the body the sentence named before
        ("The Arakan Army captured the port on Sunday, the latest gain in the rebel group's war with the Tatmadaw.",
         "Arakan Army", "rival_of", "Tatmadaw"),
        # a person's party
        ("President Recep Tayyip Erdogan's Justice and Development Party lost Istanbul.", "Recep Tayyip Erdogan",
         "member_of", "Justice and Development Party"),
    ],
)
def test_relation_from_cue_round_three(extract_text, text, subject, relation, obj):
    result = extract_text(text, published="2024-03-01")
    assert _has(result, subject, relation, obj), _relations(result)


@pytest.mark.parametrize(
    "text",
    [
        "Russia's war with Ukraine dragged on.",  # a war between states is an event, not a rivalry
        "The coalition partner walked out of the talks.",  # no named ends
        "Hamas and its allies fired rockets.",  # no named ally
        "Officers under the command of General Abdul Rashid Dostum looted shops.",  # a person commands; no body
        "The group's war with poverty goes on.",  # no named other side
    ],
)
def test_no_relation_round_three(extract_text, text):
    assert _relations(extract_text(text, published="2024-03-01")) == set()


def test_the_group_its_leader_leads_is_the_body_the_article_is_about(extract_text):
    result = extract_text("The Democratic Forces for the Liberation of Rwanda attacked a camp in North Kivu on Friday, "
                          "with help from the Nyatura militia. Its leader, Victor Byiringiro, who heads the group from "
                          "a base in the forest, denied the attack.", published="2024-03-01")
    assert _has(result, "Victor Byiringiro", "leads", "Democratic Forces for the Liberation of Rwanda")
    assert not _has(result, "Victor Byiringiro", "leads", "Nyatura")


@pytest.mark.parametrize(
    ("text", "subject", "relation", "obj"),
    [
        # "the X special forces brigade", "the X-Y faction": the name before a group noun is the end
        ("The Gorkha special forces brigade, which operates under the command of the Nepal Army, ended the siege on "
         "Friday.", "Gorkha", "subordinate_to", "Nepal Army"),
        ("The Sudan Liberation Army fought in alliance with the JEM-Bashar faction of Abdel Wahid since March.",
         "Sudan Liberation Army", "allied_with", "JEM-Bashar"),
        # a description set off by commas that the parser took for the subject
        ("He was deputy commander of the Basij, the paramilitary force under the command of the Revolutionary "
         "Guards (IRGC), until May.", "Basij", "subordinate_to", "Revolutionary Guards"),
    ],
)
def test_relation_from_cue_round_four(extract_text, text, subject, relation, obj):
    result = extract_text(text, published="2024-03-01")
    assert _has(result, subject, relation, obj), _relations(result)


def test_a_wing_named_after_its_body_is_not_the_body(extract_text):
    result = extract_text("The Hamas armed wing fought alongside Islamic Jihad in Gaza.", published="2024-03-01")
    assert not _has(result, "Hamas", "allied_with", "Islamic Jihad")


def test_the_army_is_the_one_armed_forces_the_article_names(extract_text):
    result = extract_text("The Nigerian Armed Forces retook Baga on Monday. ISWAP fighters fled north. The army is "
                          "supported by the Civilian Joint Task Force, a vigilante group.", published="2024-03-01")
    assert _has(result, "Nigerian Armed Forces", "allied_with", "Civilian Joint Task Force")


def test_the_army_is_nobody_when_two_armies_are_named(extract_text):
    result = extract_text("The Kachin Independence Army and the Arakan Army attacked the base. The army is backed by "
                          "China.", published="2024-03-01")
    assert _relations(result) == set()


@pytest.mark.parametrize(
    ("text", "person", "party"),
    [
        ("Opposition leader Ana Ruiz of Nuevas Ideas said the vote was rigged.", "Ana Ruiz", "Nuevas Ideas"),
        ("Senator Marco Bellini of Forza Nuova voted against the bill.", "Marco Bellini", "Forza Nuova"),
    ],
)
def test_a_politician_of_a_party(extract_text, text, person, party):
    result = extract_text(text, published="2024-03-01")
    assert _has(result, person, "member_of", party), _relations(result)


def test_an_official_of_a_ministry_is_no_party_member(extract_text):
    result = extract_text("Army chief Ahmed Saleh of the Interior Ministry resigned.", published="2024-03-01")
    assert not any(r[1] == "member_of" for r in _relations(result))


def test_a_plan_told_with_would_is_a_tie_but_a_condition_is_not(extract_text):
    told = extract_text("The commander said the Multinational Joint Task Force would work with the Chadian National "
                        "Army on border patrols.", published="2024-03-01")
    assert _has(told, "Multinational Joint Task Force", "cooperates_with", "Chadian National Army")
    maybe = extract_text("The Multinational Joint Task Force would work with the Chadian National Army if asked.",
                         published="2024-03-01")
    assert _relations(maybe) == set()


def test_a_partner_in_the_government_an_x_led_government(extract_text):
    text = ("Prime Minister Petr Fiala, whose Civic Democratic-led government faces a confidence vote, met the unions. "
            "The Pirate Party, a coalition partner in the government, backed the budget.")
    assert _has(extract_text(text, published="2024-03-01"), "Pirate Party", "allied_with", "Civic Democratic")
    alone = extract_text("The Pirate Party, a coalition partner in the government, backed the budget.",
                         published="2024-03-01")
    assert _relations(alone) == set()
