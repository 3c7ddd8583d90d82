"""Within-article resolution: pronouns and descriptions to the entity they denote."""

from __future__ import annotations

import pytest

from newsgraph.article import Article
from newsgraph.extract import entities
from newsgraph.extract.context import Context, QuoteRegion
from newsgraph.resolve.within import resolve_description, resolve_pronoun


@pytest.fixture(scope="module")
def article(nlp):
    def run(text: str) -> Context:
        ctx = Context(article=Article(text=text), doc=nlp(text))
        entities.run(ctx)
        return ctx

    return run


def token(ctx: Context, word: str, nth: int = 0):
    hits = [t for t in ctx.doc if t.text == word]
    return hits[nth]


def span_of(ctx: Context, phrase: str, nth: int = 0):
    start = -1
    for _ in range(nth + 1):
        start = ctx.text.index(phrase, start + 1)
    return ctx.doc.char_span(start, start + len(phrase), alignment_mode="expand")


def test_he_is_the_subject_of_the_previous_sentence(article):
    ctx = article("Amina Bello, who replaced Sani Abacha's deputy in the cabinet, warned her peers about "
                  "corruption. She also called for a unified strategy.")
    ent = resolve_pronoun(ctx, token(ctx, "She"))
    assert ent is not None and ent.name == "Amina Bello"


def test_object_pronoun_is_not_its_own_verbs_subject(article):
    ctx = article("Sergei Volkov met Igor Petrov in Moscow on Friday. Petrov praised him for the deal.")
    ent = resolve_pronoun(ctx, token(ctx, "him"))
    assert ent is not None and ent.name == "Sergei Volkov"


def test_pronoun_in_the_same_sentence(article):
    ctx = article("Carlos Mendes said he would resign from the central bank next month.")
    assert resolve_pronoun(ctx, token(ctx, "he")).name == "Carlos Mendes"


def test_it_is_the_nearest_organisation(article):
    ctx = article("The Federal Police raided the offices in Sao Paulo. It said eleven people were arrested.")
    ent = resolve_pronoun(ctx, token(ctx, "It"))
    assert ent is not None and ent.name == "Federal Police"


def test_no_referent_gives_none(article):
    ctx = article("He said the talks had failed and nobody would come back.")
    assert resolve_pronoun(ctx, token(ctx, "He")) is None


def test_first_person_inside_a_quote_is_the_speaker(article):
    ctx = article('Ayse Kaya said: "I will not resign."')
    kaya = ctx.entities.lookup("Ayse Kaya")
    start = ctx.text.index("I will")
    ctx.quote_regions.append(QuoteRegion(start=start, end=start + len("I will not resign."), speaker=kaya))
    assert resolve_pronoun(ctx, token(ctx, "I")) is kaya


def test_record_adds_the_pronoun_as_a_mention(article):
    ctx = article("Li Wei arrived in Beijing on Monday. He met the premier.")
    he = token(ctx, "He")
    ent = resolve_pronoun(ctx, he, record=True)
    assert (he.idx, he.idx + 2) in ent.mentions
    ctx2 = article("Li Wei arrived in Beijing on Monday. He met the premier.")
    he2 = token(ctx2, "He")
    ent2 = resolve_pronoun(ctx2, he2, record=False)
    assert (he2.idx, he2.idx + 2) not in ent2.mentions


def test_the_outlet_is_the_nearest_news_organisation(article):
    ctx = article("The Tasnim news agency, an outlet close to the Revolutionary Guards, published the letter. "
                  "Officials in Tehran denied it, but the outlet stood by its report.")
    ent = resolve_description(ctx, span_of(ctx, "the outlet", 0))
    assert ent is not None and ent.name.startswith("Tasnim")


def test_the_agency_after_a_wire_service(article):
    ctx = article("Reuters could not verify the footage independently, the agency said in Nairobi.")
    ent = resolve_description(ctx, span_of(ctx, "the agency"))
    assert ent is not None and ent.name == "Reuters"


def test_the_president_is_the_person_given_that_title(article):
    ctx = article("President William Ruto named a new cabinet on Tuesday. Raila Odinga criticised the choice. "
                  "The president said the ministers would be sworn in on Friday.")
    ent = resolve_description(ctx, span_of(ctx, "The president"))
    assert ent is not None and ent.name == "William Ruto"


def test_the_minister_is_told_apart_by_its_words(article):
    ctx = article("Ana Duarte, the foreign minister, and Defence Minister Joao Silva flew to Luanda. "
                  "The defence minister later met army chiefs.")
    ent = resolve_description(ctx, span_of(ctx, "The defence minister"))
    assert ent is not None and ent.name == "Joao Silva"


def test_title_from_an_apposition_before_the_name(article):
    ctx = article("The country's Supreme Leader, Ali Khamenei, met the cabinet on Sunday. Aides said the "
                  "Supreme Leader had asked for unity.")
    ent = resolve_description(ctx, span_of(ctx, "the\nSupreme Leader".replace("\n", " ")))
    assert ent is not None and ent.name == "Ali Khamenei"


def test_the_ministry_is_the_nearest_ministry(article):
    ctx = article("The Ministry of Interior and the Federal Police issued a joint statement. The ministry said "
                  "checkpoints would stay in place.")
    ent = resolve_description(ctx, span_of(ctx, "The ministry"))
    assert ent is not None and ent.name == "Ministry of Interior"


def test_unknown_title_gives_none(article):
    ctx = article("Budi Santoso visited Jakarta on Monday. The governor was not present.")
    assert resolve_description(ctx, span_of(ctx, "The governor")) is None


def test_a_named_span_is_its_entity(article):
    ctx = article("The Federal Police arrested two men in Recife.")
    ent = resolve_description(ctx, span_of(ctx, "The Federal Police"))
    assert ent is not None and ent.name == "Federal Police"


def test_indefinite_descriptions_do_not_refer_back(article):
    ctx = article("The Sun newspaper printed the photos on Monday. A rival tabloid said a newspaper had paid for "
                  "them.")
    assert resolve_description(ctx, span_of(ctx, "A rival tabloid")) is None
    assert resolve_description(ctx, span_of(ctx, "a newspaper")) is None
