"""Positions: appositions, pre-modifiers, relative and copular clauses, status; titles cleaned."""

from __future__ import annotations

import pytest

from helpers import entity_by_name, facts


def positions_of(result: dict, name: str) -> list[dict]:
    ent = entity_by_name(result, name)
    assert ent is not None, f"no entity {name!r} in {[e['name'] for e in result['entities']]}"
    return [f for f in facts(result, "position") if f["person"] == ent["id"]]


def only_position(result: dict, name: str) -> dict:
    found = positions_of(result, name)
    assert len(found) == 1, found
    return found[0]


def test_enumerated_attendees_each_get_their_post(extract_text):
    text = ("The delegation included Svetlana Morozova, the Minister of Energy and Mines; Tomasz Kowalczyk, "
            "the National Guard commander; Amina Yusuf, Secretary of the Federal Security Council, and "
            "Jorge Ibarra, head of the President's office.")
    out = extract_text(text, published="2024-05-02")
    assert only_position(out, "Svetlana Morozova")["title"] == "Minister of Energy and Mines"
    assert only_position(out, "Tomasz Kowalczyk")["title"].endswith("commander")
    council = only_position(out, "Amina Yusuf")
    assert council["title"] == "Secretary of the Federal Security Council"
    assert council["status"] == "current"
    assert only_position(out, "Jorge Ibarra")["title"] == "head of the President's office"


def test_premodifier_titles_drop_ranks_and_keep_status(extract_text):
    out = extract_text("Foreign Minister Ana Duarte met army spokesman Col. Nguyen Van Binh in Hanoi. "
                       "Former Defence Secretary Mark Ellis did not attend.", published="2024-03-01")
    assert only_position(out, "Ana Duarte")["title"] == "Foreign Minister"
    assert only_position(out, "Nguyen Van Binh")["title"] == "army spokesman"
    ellis = only_position(out, "Mark Ellis")
    assert ellis["title"] == "Defence Secretary"
    assert ellis["status"] == "former"


def test_rank_alone_is_not_a_post_but_attorney_general_is(extract_text):
    out = extract_text("Brigadier General Lena Varga inspected the troops. "
                       "Attorney General Priya Raman opened an inquiry.", published="2024-03-01")
    assert positions_of(out, "Lena Varga") == []
    assert only_position(out, "Priya Raman")["title"] == "Attorney General"


def test_apposition_before_the_name_binds_the_innermost_post(extract_text):
    text = ("Reporters saw the chief of staff of the junta's Supreme Leader, Min Aung Hlaing, and several "
            "generals at the ceremony.")
    out = extract_text(text, published="2024-03-01")
    post = only_position(out, "Min Aung Hlaing")
    assert post["title"] == "Supreme Leader"


def test_loaded_possessives_are_not_part_of_the_title(extract_text):
    text = ("Kamal Haddad, the chief of staff of the regime's Commander-in-Chief of the regime armed forces, "
            "warned about unrest.")
    out = extract_text(text, published="2024-03-01")
    assert only_position(out, "Kamal Haddad")["title"] == \
        "chief of staff of the Commander-in-Chief of the armed forces"


def test_org_comes_from_the_title(extract_text):
    text = ("Ngozi Okafor, the longest-serving head of the National Drug Law Enforcement Agency, "
            "spoke in Lagos on Monday.")
    out = extract_text(text, published="2024-03-01")
    post = only_position(out, "Ngozi Okafor")
    assert post["title"] == "head of the National Drug Law Enforcement Agency"
    org = next(e for e in out["entities"] if e["id"] == post["org"])
    assert "Agency" in org["name"]


def test_who_heads_and_served_as(extract_text):
    text = ("Chinedu Okeke, who heads the central bank, said rates would rise. "
            "Sergio Moro, who served as justice minister from 2019 to 2020, disagreed.")
    out = extract_text(text, published="2024-03-01")
    assert only_position(out, "Chinedu Okeke")["title"] == "head of the central bank"
    moro = only_position(out, "Sergio Moro")
    assert moro["title"] == "justice minister"
    assert moro["status"] == "former"


def test_former_and_acting_in_appositions(extract_text):
    text = ("Dong Jun, a former navy commander, arrived first. In Kazan, acting governor Alexei Smirnov "
            "said the region was calm.")
    out = extract_text(text, published="2024-03-01")
    dong = only_position(out, "Dong Jun")
    assert (dong["title"], dong["status"]) == ("navy commander", "former")
    smirnov = only_position(out, "Alexei Smirnov")
    assert smirnov["title"].endswith("governor")
    assert smirnov["status"] == "current"


@pytest.mark.parametrize("text", [
    "A man named Ahmed Khan was arrested near the border.",
    "In Brazil, the president said the vote would go ahead.",
    "Either Marta Ruiz or Diego Paz will be president.",
    "Officials said the attack killed Colonel Samir Haddad.",
])
def test_no_post_where_none_is_held(extract_text, text):
    out = extract_text(text, published="2024-03-01")
    assert facts(out, "position") == []


def test_hypothetical_post_is_not_held(extract_text):
    out = extract_text('"This is a big year for our potential senator, Bobby Okonkwo!" she said.',
                       published="2024-03-01")
    assert facts(out, "position") == []


def test_evidence_is_the_sentence(extract_text):
    text = "Markets fell. Foreign Minister Ana Duarte flew to Lisbon."
    out = extract_text(text, published="2024-03-01")
    (post,) = facts(out, "position")
    ev = post["evidence"][0]
    assert text[ev["start"]:ev["end"]] == "Foreign Minister Ana Duarte flew to Lisbon."


def test_ex_and_previously_mark_former_posts(extract_text):
    text = ("Ex-president Evo Morales criticised the move. Moussa Faki, previously the foreign minister of Chad, "
            "now chairs the African Union Commission.")
    out = extract_text(text, published="2024-03-01")
    morales = only_position(out, "Evo Morales")
    assert (morales["title"].lower(), morales["status"]) == ("president", "former")
    faki = {p["title"]: p["status"] for p in positions_of(out, "Moussa Faki")}
    assert faki == {"foreign minister of Chad": "former", "chair of the African Union Commission": "current"}


def test_honorific_inside_a_title_is_dropped(extract_text):
    out = extract_text("Daniel Richman, an adviser to Mr. Comey, argued the point.", published="2016-11-01")
    assert only_position(out, "Daniel Richman")["title"] == "adviser to Comey"


def test_elected_post_and_chief_executive(extract_text):
    text = ("Nayib Bukele, who was elected president in 2019, spoke first. "
            "Sultan Al Jaber, chief executive of ADNOC, chaired the summit.")
    out = extract_text(text, published="2024-02-09")
    assert only_position(out, "Nayib Bukele")["title"] == "president"
    jaber = only_position(out, "Al Jaber")
    assert jaber["title"] == "chief executive of ADNOC"


def test_participles_before_the_post_and_previously_served(extract_text):
    text = ("Imran Khan, the jailed former prime minister, called the move unlawful. Ahmad Jahangir previously "
            "served as secretary of the interior ministry.")
    out = extract_text(text, published="2023-10-05")
    khan = only_position(out, "Imran Khan")
    assert (khan["title"], khan["status"]) == ("prime minister", "former")
    jahangir = only_position(out, "Ahmad Jahangir")
    assert (jahangir["title"], jahangir["status"]) == ("secretary of the interior ministry", "former")


@pytest.mark.parametrize(("text", "name", "title"), [
    ("Kenya's army chief, General Charles Kahariri, met the delegation on Monday.", "Charles Kahariri",
     "army chief"),
    ("The commander of the Border Guard Service, Colonel General Ruslan Mazhitov, inspected the posts.",
     "Ruslan Mazhitov", "commander of the Border Guard Service"),
    ("The talks were led by the director of the General Intelligence Service (GIS), Lieutenant General "
     "Noor Yusuf, and a delegation from Nairobi.", "Noor Yusuf", "director of the General Intelligence Service"),
])
def test_apposition_before_a_ranked_name(extract_text, text, name, title):
    # the rank ("General", "Colonel General") is not part of the entity: the post still reaches the name;
    # a post word inside a body's name ("General" in "General Intelligence") is not the post
    out = extract_text(text, published="2024-05-02")
    assert only_position(out, name)["title"].startswith(title)


@pytest.mark.parametrize(("text", "name", "title"), [
    ("The nomination was cleared by the Advisory Committee for Senior Appointments, headed by retired judge "
     "Miriam Golan, last week.", "Miriam Golan", "head of the Advisory Committee for Senior Appointments"),
    ("The Rapid Support Forces, led by Mohamed Hamdan Dagalo, have fought the army since 2023.",
     "Mohamed Hamdan Dagalo", "leader of the Rapid Support Forces"),
])
def test_body_led_by_a_person(extract_text, text, name, title):
    out = extract_text(text, published="2024-05-02")
    assert title in [p["title"] for p in positions_of(out, name)]


def test_a_delegation_led_for_the_occasion_is_no_post(extract_text):
    out = extract_text("Talks resumed between an army team led by Michel Boutros and a delegation headed by "
                       "Avi Dahan.", published="2024-05-02")
    assert facts(out, "position") == []


def test_served_as_two_posts(extract_text):
    out = extract_text("Nurlan Sadykov previously served as head of the Border Service and, before that, as "
                       "deputy head of the State Security Service.", published="2024-05-02")
    titles = {p["title"]: p["status"] for p in positions_of(out, "Nurlan Sadykov")}
    assert titles == {"head of the Border Service": "former", "deputy head of the State Security Service": "former"}


def test_until_now_is_the_post_being_left(extract_text):
    out = extract_text("Ali Rezaei, until now deputy commander of the Basij, is the third Guards officer to take "
                       "over the police.", published="2024-05-02")
    assert [(p["title"], p["status"]) for p in positions_of(out, "Ali Rezaei")] == [
        ("deputy commander of the Basij", "former")]  # "the third officer to ..." is a record, not a post


@pytest.mark.parametrize("text", [
    "Nigeria's defence minister and chief of staff, General Musa Danladi, visited the base on Friday.",
    "General Musa Danladi, defence minister and chief of staff, visited the base on Friday.",
])
def test_two_coordinated_posts(extract_text, text):
    out = extract_text(text, published="2024-05-02")
    assert sorted(p["title"] for p in positions_of(out, "Musa Danladi")) == ["chief of staff", "defence minister"]


def test_coordinated_complement_is_one_post(extract_text):
    out = extract_text("Svetlana Morozova, the Minister of Energy and Mines, spoke first.", published="2024-05-02")
    assert only_position(out, "Svetlana Morozova")["title"] == "Minister of Energy and Mines"


def test_apposition_to_a_name_with_its_own_title(extract_text):
    out = extract_text("Its commander, Kenyan police officer Godfrey Otunge, said the force would patrol with the "
                       "national police.", published="2024-05-02")
    assert "commander" in [p["title"] for p in positions_of(out, "Godfrey Otunge")]


@pytest.mark.parametrize(("text", "name"), [
    ("\"Every day of delay costs us,\" said Ghassan Hasbani, a lawmaker from the Lebanese Forces.",
     "Ghassan Hasbani"),
    ("Opposition lawmaker Jelena Marković of the Green-Left Front said the hearing was a farce.",
     "Jelena Marković"),
])
def test_weak_post_of_a_named_body(extract_text, text, name):
    out = extract_text(text, published="2024-05-02")
    post = only_position(out, name)
    assert post["title"].endswith("lawmaker")
    assert post["org"] is not None


def test_returns_to_his_post_as(extract_text):
    out = extract_text("His deputy, Nenad Ilić, who had run the agency since then, returns to his post as deputy "
                       "director.", published="2024-05-02")
    post = only_position(out, "Nenad Ilić")  # the described post ("head of the agency") gives way
    assert (post["title"], post["status"]) == ("deputy director", "current")


def test_led_by_a_person_with_a_post_adds_no_vaguer_post(extract_text):
    out = extract_text("The government, led by Prime Minister Shehbaz Sharif, survived the vote.",
                       published="2024-05-02")
    assert [p["title"] for p in positions_of(out, "Shehbaz Sharif")] == ["Prime Minister"]


def test_relative_clause_on_an_apposition_and_a_second_as(extract_text):
    out = extract_text("Martina Rosen, a veteran diplomat who served as ambassador to Poland and later as deputy "
                       "foreign minister, took over the agency.", published="2024-05-02")
    titles = {p["title"] for p in positions_of(out, "Martina Rosen")}
    assert {"ambassador to Poland", "deputy foreign minister"} <= titles


def test_committee_which_is_chaired_by(extract_text):
    out = extract_text("She will appear before the Intelligence Oversight Committee, which is chaired by Konstantin "
                       "Voss of the Greens.", published="2024-05-02")
    assert only_position(out, "Konstantin Voss")["title"] == "chair of the Intelligence Oversight Committee"


@pytest.mark.parametrize(("text", "name", "title"), [
    ("Separately, an RSF field commander in Gezira, Salih Abu Shanab, defected to the army.", "Salih Abu Shanab",
     "field commander"),
    ("Dhoore met the mission's head, the Ghanaian diplomat Kwame Mensah, at its headquarters.", "Kwame Mensah",
     "head"),
])
def test_apposition_past_a_place_or_a_description(extract_text, text, name, title):
    out = extract_text(text, published="2024-05-02")
    assert title in [p["title"] for p in positions_of(out, name)]


def test_a_record_in_a_row_is_no_post(extract_text):
    out = extract_text("Ali Rezaei is the third Guards officer in a row to take over the police.",
                       published="2024-05-02")
    assert positions_of(out, "Ali Rezaei") == []


def test_ran_a_body_whose_name_the_parser_split(extract_text):
    out = extract_text("Céline Rousseau, a career police officer who once ran the Paris counter-terrorism brigade, "
                       "was appointed director.", published="2024-05-02")
    posts = {p["title"]: p["status"] for p in positions_of(out, "Céline Rousseau")}
    assert posts["head of the Paris counter-terrorism brigade"] == "former"
