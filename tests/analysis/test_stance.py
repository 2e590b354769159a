"""Stance cues that tell taking a side from talking about politics (issue 10)."""

from __future__ import annotations

import pytest
from selfaudit.analysis.stance import CUE_WORDS, CUES, cues_in


@pytest.mark.parametrize("text", [
    "Knocking doors all weekend #Whitlock2026",
    "#trump2024 all the way",
    "Enough. #MinisterOut",
    "#TeamOkafor let's win this",
    "#NotMyPresident",
])
def test_campaign_hashtags(text: str) -> None:
    assert "campaign-tag" in cues_in(text)


@pytest.mark.parametrize("text", [
    "What a final! #Euro2024", "Opening night #Paris2024", "On #IWD2023 I thank my mentors",
    "Progress on #Agenda2030 goals", "Leg day done #Workout", "Great #teamwork today", "Gold! #TeamUSA",
    "#SoldOut show tonight",
])
def test_event_and_everyday_hashtags_are_not_campaigns(text: str) -> None:
    assert "campaign-tag" not in cues_in(text)


@pytest.mark.parametrize("text", [
    "The Republican tax scam hands billionaires a break.",
    "Le bilan du gouvernement est un désastre pour les hôpitaux.",
    "Otra vez la coalición tapando sus escándalos, son unos corruptos.",
    "Правительство опять провалило реформу.",
    "الحكومة فاشلة ولازم ترحل",
    "这个政府真无能",
    "Thanks to Republican leadership, the economy is booming.",
])
def test_judging_a_political_side(text: str) -> None:
    assert "judges-side" in cues_in(text)


@pytest.mark.parametrize("text", [
    "The government announced new visa rules today.",
    "Partido de fútbol: un desastre el árbitro",
    "Il est parti tôt, le train était un désastre",
    "The party last night was a mess lol",
    "El pan está malo, un desastre",
    "政府今天公布了新的签证规定",
])
def test_naming_a_side_or_a_judgement_alone_is_not_judging_a_side(text: str) -> None:
    assert "judges-side" not in cues_in(text)


@pytest.mark.parametrize("text", [
    "I'm all in for Dana Whitlock, join me in voting on the 3rd",
    "Canvassing in Millbrook this Saturday, let's flip this seat",
    "Je m'engage aux côtés d'Alexis pour les régionales",
    "Mi voto va para la lista verde",
])
def test_endorsements_take_a_side_in_the_first_person(text: str) -> None:
    assert "first-person-side" in cues_in(text)


def test_every_cue_has_words_for_the_reason() -> None:
    assert set(CUES) <= set(CUE_WORDS) | {"report-style", "condemn-quote"}
