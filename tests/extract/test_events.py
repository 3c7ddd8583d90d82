"""Events: meetings and visits, their participants, place and date, one fact per event."""

from __future__ import annotations

import pytest


def facts(result: dict, kind: str) -> list[dict]:
    """Facts of KIND (kept here: several test folders have a conftest.py, so none can be imported by name)."""
    return [f for f in result["facts"] if f["kind"] == kind]


def _names(result: dict, ids) -> list[str]:
    by_id = {e["id"]: e["name"] for e in result["entities"]}
    return [by_id[i] for i in ids]


def _events(result: dict, event_type: str | None = None) -> list[dict]:
    return [f for f in facts(result, "event") if event_type is None or f["event_type"] == event_type]


def _place(result: dict, ev: dict) -> str | None:
    return _names(result, [ev["place"]])[0] if ev["place"] else None


def test_met_with_subject_object_place_and_weekday(extract_text):
    r = extract_text("Putin met Erdogan in Sochi on Friday.", published="2021-10-02")
    (ev,) = _events(r)
    assert ev["event_type"] == "meeting" and ev["plover"] == "CONSULT"
    assert set(_names(r, ev["participants"])) == {"Putin", "Erdogan"}
    assert _place(r, ev) == "Sochi"
    assert ev["date"] == "2021-10-01"


def test_counterpart_named_after_a_description(extract_text):
    r = extract_text("Russian President Vladimir Putin met his Turkish counterpart Recep Tayyip Erdogan in Sochi.",
                     published="2021-10-02")
    (ev,) = _events(r)
    assert set(_names(r, ev["participants"])) == {"Vladimir Putin", "Recep Tayyip Erdogan"}


def test_talks_between_two_people_with_relative_date(extract_text):
    r = extract_text("Talks between Antony Blinken and Wang Yi were held in Beijing last week.",
                     published="2023-06-24")
    (ev,) = _events(r)
    assert set(_names(r, ev["participants"])) == {"Antony Blinken", "Wang Yi"}
    assert _place(r, ev) == "Beijing"
    assert ev["date"] == "2023-06"


def test_held_talks_with_and_an_anaphoric_follow_up_is_one_event(extract_text):
    text = ("German Chancellor Olaf Scholz held talks with French President Emmanuel Macron in Paris on Monday. "
            "The meeting lasted three hours, and this meeting was the first since the election.")
    r = extract_text(text, published="2023-01-25")
    (ev,) = _events(r)
    assert set(_names(r, ev["participants"])) == {"Olaf Scholz", "Emmanuel Macron"}
    assert ev["date"] == "2023-01-23"
    assert len(ev["evidence"]) == 2


def test_attendee_list_fills_the_meeting_reported_before(extract_text):
    text = ("On March 9, state television reported a meeting between the heads of the security services. "
            "This meeting was held on March 2 in Lagos. "
            "The attendees of this meeting included Nuhu Ribadu, the national security adviser; "
            "Kayode Egbetokun, the police chief; and Christopher Musa, the chief of defence staff.")
    r = extract_text(text, published="2024-03-10")
    (ev,) = _events(r)
    assert set(_names(r, ev["participants"])) == {"Nuhu Ribadu", "Kayode Egbetokun", "Christopher Musa"}
    assert _place(r, ev) == "Lagos"
    assert ev["date"] == "2024-03-02"  # the meeting's date, not the report's


def test_the_possessor_of_a_participant_is_not_a_participant(extract_text):
    text = ("Officials described a meeting between the chief of staff of President Yoweri Museveni "
            "and Kizza Besigye in Kampala.")
    r = extract_text(text, published="2022-05-01")
    for ev in _events(r):
        assert "Yoweri Museveni" not in _names(r, ev["participants"])


def test_coordinated_subjects_met(extract_text):
    r = extract_text("The Prime Minister of Japan, Fumio Kishida, and South Korean President Yoon Suk Yeol met "
                     "in Tokyo on Thursday to discuss security.", published="2023-03-18")
    (ev,) = _events(r)
    assert set(_names(r, ev["participants"])) == {"Fumio Kishida", "Yoon Suk Yeol"}
    assert ev["date"] == "2023-03-16"


def test_a_body_that_meets_is_a_participant(extract_text):
    r = extract_text("General Abdel Fattah al-Burhan chaired a meeting of the Sovereignty Council in Khartoum "
                     "on Sunday.", published="2023-04-10")
    (ev,) = _events(r)
    assert set(_names(r, ev["participants"])) == {"Abdel Fattah al-Burhan", "Sovereignty Council"}
    assert _place(r, ev) == "Khartoum"


def test_visit_has_the_visitor_as_participant_and_the_destination_as_place(extract_text):
    r = extract_text("Indian Prime Minister Narendra Modi visited Washington in June.", published="2023-07-10")
    (ev,) = _events(r, "visit")
    assert _names(r, ev["participants"]) == ["Narendra Modi"]
    assert _place(r, ev) == "Washington"
    assert ev["date"] == "2023-06"


def test_two_different_meetings_stay_apart(extract_text):
    text = ("Joe Biden met Xi Jinping in Bali on Monday. "
            "On Wednesday, Sergei Lavrov met Wang Yi in Jakarta.")
    r = extract_text(text, published="2022-11-18")
    evs = _events(r, "meeting")
    assert len(evs) == 2
    assert {frozenset(_names(r, e["participants"])) for e in evs} == {
        frozenset({"Joe Biden", "Xi Jinping"}), frozenset({"Sergei Lavrov", "Wang Yi"})}


def test_no_event_without_a_named_participant(extract_text):
    r = extract_text("The committee meeting was postponed because of the storm.", published="2022-01-01")
    assert _events(r) == []


def test_took_part_in_the_meeting_joins_the_event(extract_text):
    text = ("Sergey Kudrin held talks in Tashkent on Tuesday with Rustam Nazarov on border security. "
            "Marat Abenov also took part in the meeting, along with the border commander, General Bakhodir Yusupov.")
    r = extract_text(text, published="2025-06-04")
    (ev,) = _events(r)
    assert set(_names(r, ev["participants"])) == {"Sergey Kudrin", "Rustam Nazarov", "Marat Abenov",
                                                  "Bakhodir Yusupov"}
    assert _place(r, ev) == "Tashkent"
    assert ev["date"] == "2025-06-03"


def test_after_meeting_takes_the_main_clause_subject(extract_text):
    text = ("Carranza made the announcement after meeting police commander general Jorge Paredes and the head of "
            "the Joint Command of the Armed Forces, Admiral Ricardo Velarde, at the Interior Ministry.")
    r = extract_text(text, published="2025-09-15")
    (ev,) = _events(r)
    assert {"Jorge Paredes", "Ricardo Velarde"} <= set(_names(r, ev["participants"]))
    assert len(ev["participants"]) == 3  # and Carranza, the subject of "made"


def test_date_and_time_of_day_together(extract_text):
    r = extract_text("Jorge Paredes met Ana Carranza at the ministry on Friday afternoon.", published="2025-05-03")
    (ev,) = _events(r)
    assert ev["date"] == "2025-05-02"


def test_a_visit_without_a_destination_is_no_event(extract_text):
    r = extract_text("It was Kudrin's first foreign visit since he took office.", published="2025-06-04")
    assert _events(r, "visit") == []


def test_metaphorical_meet_with_a_pronoun_is_no_meeting(extract_text):
    text = 'The KNB warned of new threats. "No one service can meet them alone," Rustam Nazarov said.'
    assert _events(extract_text(text, published="2025-06-04")) == []


def test_meeting_demands_is_no_meeting(extract_text):
    r = extract_text("The United Auto Workers refused to meet the demands of General Motors.", published="2008-12-12")
    assert _events(r) == []


def test_press_conference_and_being_in_talks_are_no_meetings(extract_text):
    text = ("The ban was announced at a joint press conference with Vice President Jusuf Kalla in Jakarta. "
            "Airbus is currently in talks with China about possible sales.")
    assert _events(extract_text(text, published="2007-07-06")) == []


def test_receiving_a_named_guest_is_a_meeting(extract_text):
    text = ("Saudi Crown Prince Mohammed bin Salman received Iranian Foreign Minister Hossein Amir-Abdollahian "
            "in Riyadh on Monday.")
    r = extract_text(text, published="2024-01-17")
    (ev,) = _events(r)
    assert set(_names(r, ev["participants"])) == {"Mohammed bin Salman", "Hossein Amir-Abdollahian"}
    assert _place(r, ev) == "Riyadh" and ev["date"] == "2024-01-15"
    assert _events(extract_text("The ministry received a letter from the embassy.", published="2024-01-17")) == []


def test_the_speaker_during_his_meeting_is_a_participant(extract_text):
    r = extract_text("During his meeting with Vladimir Putin, Xi Jinping praised the partnership.",
                     published="2024-01-17")
    (ev,) = _events(r)
    assert set(_names(r, ev["participants"])) == {"Vladimir Putin", "Xi Jinping"}


def test_travel_to_a_place_is_a_visit(extract_text):
    r = extract_text("Sergei Lavrov travelled to Pyongyang last month.", published="2024-01-17")
    (ev,) = _events(r, "visit")
    assert _names(r, ev["participants"]) == ["Sergei Lavrov"]
    assert _place(r, ev) == "Pyongyang" and ev["date"] == "2023-12"


def test_signed_agreement_between_two_sides(extract_text):
    r = extract_text("Ukraine signed a security deal with Britain in January.", published="2024-02-01")
    (ev,) = _events(r, "agreement")
    assert set(_names(r, ev["participants"])) == {"Ukraine", "Britain"}
    assert ev["plover"] == "AGREE" and ev["date"] == "2024-01"


@pytest.mark.parametrize(
    "text",
    [
        "Lula said he would meet Joe Biden next month.",
        "Kudrin is expected to travel to Tashkent in the coming months for talks with Rustam Nazarov.",
        "Olaf Scholz will hold talks with Emmanuel Macron in Paris on Friday.",
        "Narendra Modi did not meet Xi Jinping in Johannesburg.",
    ],
)
def test_planned_or_denied_events_are_not_facts(extract_text, text):
    assert _events(extract_text(text, published="2023-08-20")) == []


def test_met_a_described_person_keeps_the_named_side(extract_text):
    r = extract_text("Jorge Luis Paredes met the new minister at the Interior Ministry on Friday afternoon.",
                     published="2025-05-02")
    (ev,) = _events(r)
    assert "Jorge Luis Paredes" in _names(r, ev["participants"])
    assert ev["date"] == "2025-05-02"


def test_the_dateline_city_is_not_a_participant(extract_text):
    text = ("BAGHDAD, March 14 (Reuters) - Iraqi Prime Minister Mohammed Shia al-Sudani met Iranian President "
            "Ebrahim Raisi in Tehran on Tuesday, his office said.")
    r = extract_text(text, published="2023-03-14")
    (ev,) = _events(r)
    assert set(_names(r, ev["participants"])) == {"Mohammed Shia al-Sudani", "Ebrahim Raisi"}
    assert _place(r, ev) == "Tehran"


NIGERIA = """ABUJA — Nigeria's President Bola Tinubu held a closed-door meeting with the service chiefs at the \
Presidential Villa on Thursday, days after gunmen abducted 287 pupils in Kaduna State.

The meeting, attended by the Chief of Defence Staff, General Christopher Musa, the Inspector-General of Police, \
Kayode Egbetokun, and the National Security Adviser, Nuhu Ribadu, lasted for over four hours.

Tinubu later met Kaduna Governor Uba Sani, according to a statement by presidential spokesman Ajuri Ngelale.

Last month, Ribadu held talks in Niamey with Niger's junta leader, General Abdourahamane Tiani, the first such \
meeting since the July coup.
"""


def test_an_article_with_three_meetings(extract_text):
    r = extract_text(NIGERIA, published="2024-03-10")
    evs = {frozenset(_names(r, e["participants"])): e for e in _events(r, "meeting")}
    assert set(evs) == {
        frozenset({"Bola Tinubu", "Christopher Musa", "Kayode Egbetokun", "Nuhu Ribadu"}),
        frozenset({"Bola Tinubu", "Uba Sani"}),
        frozenset({"Nuhu Ribadu", "Abdourahamane Tiani"}),
    }
    villa = evs[frozenset({"Bola Tinubu", "Christopher Musa", "Kayode Egbetokun", "Nuhu Ribadu"})]
    assert villa["date"] == "2024-03-07" and _place(r, villa) == "Presidential Villa"
    niamey = evs[frozenset({"Nuhu Ribadu", "Abdourahamane Tiani"})]
    assert niamey["date"] == "2024-02" and _place(r, niamey) == "Niamey"


def test_a_meeting_during_which_something_was_agreed_took_place(extract_text):
    text = "President Yoon Suk Yeol agreed to resume regular summits during a meeting with Fumio Kishida in Seoul."
    r = extract_text(text, published="2023-03-20")
    (ev,) = _events(r)
    assert set(_names(r, ev["participants"])) == {"Yoon Suk Yeol", "Fumio Kishida"}
    assert _place(r, ev) == "Seoul"


def test_report_of_a_meeting_is_about_the_event(nlp):
    from datetime import date

    from newsgraph.article import Article
    from newsgraph.extract import entities, events
    from newsgraph.extract.context import Context

    text = ("Xinhua reported on Tuesday that Chinese Foreign Minister Wang Yi met his Russian counterpart "
            "Sergei Lavrov in Beijing on Monday.")
    ctx = Context(article=Article(text=text, published=date(2024, 4, 10)), doc=nlp(text))
    entities.run(ctx)
    report = ctx.add_fact("report", (0, len(text)), reporter=ctx.entities.lookup("Xinhua"), about=None, date=None)
    events.run(ctx)
    (ev,) = ctx.facts_of("event")
    assert ev.fields["date"] == "2024-04-08"
    assert report.fields["about"] is ev


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Sergei Lavrov, who met Wang Yi in Beijing on Monday, said the talks were useful.",
         {"Sergei Lavrov", "Wang Yi"}),
        ("Volodymyr Zelensky was received by Pope Francis at the Vatican on Saturday.",
         {"Volodymyr Zelensky", "Francis"}),
        ("At a meeting of NATO defence ministers in Brussels, Lloyd Austin urged allies to send air defences.",
         {"NATO", "Lloyd Austin"}),
    ],
)
def test_more_ways_to_tell_a_meeting(extract_text, text, want):
    r = extract_text(text, published="2024-01-01")
    (ev,) = _events(r)
    assert set(_names(r, ev["participants"])) == want


def test_speaking_at_a_conference_is_no_meeting_but_speaking_at_the_meeting_told_joins_it(extract_text):
    r = extract_text("At the annual conference, Steve Jobs hinted at the incident.", published="2010-06-08")
    assert _events(r) == []
    text = ("Olaf Scholz held talks with Emmanuel Macron in Paris on Monday. "
            "At the meeting, Annalena Baerbock presented the plan.")
    r = extract_text(text, published="2023-01-25")
    (ev,) = _events(r)
    assert set(_names(r, ev["participants"])) == {"Olaf Scholz", "Emmanuel Macron", "Annalena Baerbock"}


def test_one_trip_told_twice_is_one_visit(extract_text):
    text = ("Barack Obama wrapped up his first presidential visit to Israel on Friday. "
            "He said he discussed the issue with Benjamin Netanyahu during his visit to Israel.")
    r = extract_text(text, published="2013-03-22")
    assert len(_events(r, "visit")) == 1


def test_the_two_refers_to_the_pair_that_met_before(extract_text):
    text = ("Joe Biden met Xi Jinping in California on Wednesday. The two leaders agreed to restore military "
            "contacts. The two met again in Lima a year later.")
    r = extract_text(text, published="2023-11-17")
    evs = _events(r)
    assert len(evs) == 2
    assert all(set(_names(r, e["participants"])) == {"Joe Biden", "Xi Jinping"} for e in evs)
    assert sorted(e["date"] for e in evs) == ["2023-11-15", "2024"]


def test_the_two_is_not_guessed_when_someone_else_was_named_since(extract_text):
    text = ("Wang Yi met Sergei Lavrov in Beijing on Monday. Xi Jinping is expected to visit Moscow. "
            "Last year, the two ministers held talks in New Delhi.")
    r = extract_text(text, published="2024-04-10")
    assert len(_events(r, "meeting")) == 1


# -- attacks, protests and more meeting shapes (issue 2) ------------------------------------------

@pytest.mark.parametrize(
    ("text", "attackers", "place"),
    [
        ("Fighters of Al-Shabaab attacked an army base in Baidoa on Monday, officials said.", {"Al-Shabaab"},
         "Baidoa"),
        ("Gunmen from the Al-Shabaab militia ambushed a patrol near Mogadishu on Friday.", {"Al-Shabaab militia"},
         "Mogadishu"),
        ("Hamas militants fired rockets at an Israeli army post near Sderot.", {"Hamas"}, "Sderot"),
        ("The Taliban stormed the town of Ghazni in August.", {"Taliban"}, "Ghazni"),
    ],
)
def test_attack_by_a_named_group(extract_text, text, attackers, place):
    r = extract_text(text, published="2024-03-08")
    (ev,) = _events(r, "attack")
    assert ev["plover"] == "ASSAULT"
    assert attackers <= set(_names(r, ev["participants"]))
    assert _place(r, ev) == place


def test_attack_names_the_target_group_and_the_claim_is_the_same_attack(extract_text):
    text = ("Fighters of the Kurdistan Workers' Party attacked positions of the Turkish Armed Forces in Hakkari "
            "on Tuesday. The group claimed the attack in a statement.")
    r = extract_text(text, published="2024-05-10")
    (ev,) = _events(r, "attack")
    assert set(_names(r, ev["participants"])) == {"Kurdistan Workers' Party", "Turkish Armed Forces"}
    assert _place(r, ev) == "Hakkari"
    assert ev["date"] == "2024-05-07"
    assert len(ev["evidence"]) == 2


def test_attack_noun_with_its_claimant(extract_text):
    r = extract_text("An ambush claimed by the Arakan Army killed nine soldiers in Rakhine last week.",
                     published="2024-02-02")
    (ev,) = _events(r, "attack")
    assert _names(r, ev["participants"]) == ["Arakan Army"]


@pytest.mark.parametrize(
    "text",
    [
        "Opposition leader Kemal Kilicdaroglu attacked the government's budget in parliament on Tuesday.",
        "Senator Elizabeth Warren attacked Goldman Sachs for its lending practices.",
        "The rebels threatened to attack Goma if talks failed.",
        "Hezbollah did not attack the base, the army said.",
        "The two countries struck a deal on gas prices in Ankara.",
        "In an August speech, the Labour Party attacked the ideology of the far right.",
        "The Istanbul businessman has attacked global allies as well as adversaries.",
    ],
)
def test_words_threats_and_deals_are_no_attacks(extract_text, text):
    assert _events(extract_text(text, published="2024-03-08"), "attack") == []


@pytest.mark.parametrize(
    ("text", "group", "place"),
    [
        ("On Wednesday, students from the All Nepal National Free Students Union protested in Kathmandu.",
         "All Nepal National Free Students Union", "Kathmandu"),
        ("Thousands of supporters of the Awami National Party rallied in Peshawar on Sunday.",
         "Awami National Party", "Peshawar"),
        ("Members of the Confederation of Ethiopian Trade Unions staged a sit-in in Addis Ababa on Monday.",
         "Confederation of Ethiopian Trade Unions", "Addis Ababa"),
    ],
)
def test_protest_by_a_named_group(extract_text, text, group, place):
    r = extract_text(text, published="2024-03-08")
    (ev,) = _events(r, "protest")
    assert ev["plover"] == "PROTEST"
    assert group in _names(r, ev["participants"])
    assert _place(r, ev) == place


@pytest.mark.parametrize(
    "text",
    [
        "Beijing lodged a formal protest with Tokyo over the visit.",
        "The Confederation of Ethiopian Trade Unions protested the decision in a letter.",
        "Party members rallied behind Prime Minister Shehbaz Sharif.",
        "In the weeks since the primary, Claudia Sheinbaum has held rallies in Monterrey and Puebla.",
    ],
)
def test_objections_are_no_street_protests(extract_text, text):
    assert _events(extract_text(text, published="2024-03-08"), "protest") == []


def test_talks_between_delegations_led_by_named_people(extract_text):
    text = ("Peace talks resumed in Doha between a government team led by Mohammed Hamdan and a rebel delegation "
            "headed by Abdel Wahid Nur.")
    r = extract_text(text, published="2024-03-08")
    (ev,) = _events(r, "meeting")
    assert set(_names(r, ev["participants"])) == {"Mohammed Hamdan", "Abdel Wahid Nur"}
    assert _place(r, ev) == "Doha"


def test_passive_attended_by_joins_the_meeting_told_before(extract_text):
    text = ("President William Ruto received Ethiopian Prime Minister Abiy Ahmed in Nairobi on Monday. "
            "The talks were also attended by Foreign Minister Musalia Mudavadi.")
    r = extract_text(text, published="2024-03-08")
    (ev,) = _events(r, "meeting")
    assert set(_names(r, ev["participants"])) == {"William Ruto", "Abiy Ahmed", "Musalia Mudavadi"}


def test_meeting_chaired_and_attended_by(extract_text):
    text = ("The meeting, chaired by Interior Minister Mohsin Naqvi, was attended by army chief Asim Munir "
            "and police chief Akbar Nasir Khan.")
    r = extract_text(text, published="2024-03-08")
    (ev,) = _events(r, "meeting")
    assert {"Mohsin Naqvi", "Asim Munir"} <= set(_names(r, ev["participants"]))


def test_present_at_the_meeting_were(extract_text):
    text = ("Kenyan President William Ruto met Ugandan President Yoweri Museveni in Mombasa on Saturday. "
            "Present at the meeting were Interior Minister Kipchumba Murkomen and Inspector General Douglas Kanja.")
    r = extract_text(text, published="2025-05-05")
    (ev,) = _events(r, "meeting")
    assert {"William Ruto", "Yoweri Museveni", "Kipchumba Murkomen", "Douglas Kanja"} <= set(
        _names(r, ev["participants"]))


def test_also_at_the_table(extract_text):
    r = extract_text("Also at the table were Qatari envoy Steve Witkoff and Egyptian spy chief Hassan Rashad.",
                     published="2025-05-05")
    (ev,) = _events(r, "meeting")
    assert {"Steve Witkoff", "Hassan Rashad"} <= set(_names(r, ev["participants"]))


def test_delegations_from_countries_attend(extract_text):
    r = extract_text("The talks in Ankara were attended by delegations from Turkey, Iraq and the Kurdistan "
                     "Regional Government.", published="2025-05-05")
    (ev,) = _events(r, "meeting")
    assert set(_names(r, ev["participants"])) == {"Turkey", "Iraq", "Kurdistan Regional Government"}
    assert _place(r, ev) == "Ankara"


def test_one_person_at_unnamed_talks_is_no_meeting(extract_text):
    r = extract_text("Nuhu Ribadu held talks in Abuja on Tuesday.", published="2025-05-05")
    assert _events(r, "meeting") == []


def test_a_team_named_after_an_army_is_not_the_army(extract_text):
    result = extract_text("Talks resumed in Naqoura between a Ghanaian army team led by Colonel Kofi Mensah and a "
                          "Togolese delegation headed by Colonel Yao Agbeko.", published="2024-03-01")
    names = {e["id"]: e["name"] for e in result["entities"]}
    events = [{names[p] for p in f["participants"]} for f in result["facts"] if f["kind"] == "event"]
    assert events and all("Ghanaian army" not in e for e in events)
    assert any("Kofi Mensah" in e for e in events)  # the team's leader sat at the table
