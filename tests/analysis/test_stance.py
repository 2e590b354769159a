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


# Two-part cues: who speaks or what it is about, and the turn that makes it a concern. Either half alone is a topic.
@pytest.mark.parametrize(("cue", "text"), [
    ("trades-on-un", "UNHCR staff here 👋 my candle shop ships worldwide, code PEACE15 for 15% off"),
    ("trades-on-un", "En tant que fonctionnaire de l'OMS, je vous invite à soutenir ma cagnotte pour mon voyage"),
    ("trades-on-un", "Как сотрудник ПРООН советую мою студию йоги, прайс в личку"),
    ("trades-on-un", "بصفتي موظف بالأمم المتحدة بعرض خدماتي بالترجمة، الأسعار بالخاص وللطلب واتساب"),
    ("trades-on-un", "联合国同事都在用我的网店的茶叶，优惠码UN88"),
    ("speaks-for-un", "Joined a podcast this week to talk about how our mission handles the ceasefire talks"),
    ("speaks-for-un", "Mañana doy una entrevista en la radio sobre el trabajo de ACNUR en la frontera"),
    ("claims-un-position", "I can confirm the UN will pull its staff out of the north next week"),
    ("bypasses-comms", "Spoke to a journalist about the evacuation, didn't run it past comms 🤫"),
    ("favouritism", "The P-4 post went to the rep's nephew. Open competition my foot"),
    ("favouritism", "Конкурс на вакансию выиграла племянница директора, какое совпадение"),
    ("press-threat", "I have the emails. If HR ignores me again I'll send them to a journalist"),
    ("personal-contact", "Call Ahmed from logistics on his personal number +961 3 555 214"),
    ("health-of-another", "Our colleague @dina_k is back in hospital for chemo, send her love"),
    ("stay-details", "Whole delegation is in rooms 410-418 at the Serena till Thursday, come by for tea"),
    ("stay-details", "On loge avec l'équipe au 4e étage de l'hôtel Azalaï, passez nous voir"),
    ("stay-details", "Делегация живёт в гостинице «Душанбе» до пятницы, номер 305 у шефа"),
    ("stay-details", "和代表团住在喜来登，房间号1207，欢迎来玩"),
    ("route-now", "Convoy is now passing the Gereshk bridge, by tonight we'll be in Lashkar Gah"),
    ("route-now", "Con el equipo, ahora pasando por Mocoa, esta noche estaremos a salvo en Pasto"),
    ("steers-tender", "@karim_supplies only three bids came in, lowest so far is 92k. Go a bit lower and it's yours"),
    ("steers-tender", "Трое участников в тендере на топливо, сделай чуть ниже и выиграешь"),
    ("before-release", "The agency is closing the Kassala office in March. No press release yet but I know for sure"),
    ("before-release", "Le programme de cantines s'arrête en juin, c'est acté, l'annonce se fera après le conseil"),
    ("claims-un-position", "@reporter_jo yes, UNICEF will not attend the summit. You can quote me"),
    ("before-release", "Pas encore officiel mais le bureau de Mopti ferme en juin, le mémo est parti hier"),
    ("locates-person", "The survivor we met today, 19 years old from Kutum, is in tent 14 if anyone can bring blankets"),
    ("locates-person", "Подопечная с двумя детьми теперь живёт в нашем шелтере у автовокзала"),
    ("favouritism", "Promotions here go to whoever plays golf with the DRD. The P-5 went to the DRD's golf buddy"),
    ("press-threat", "Honestly I'm sending the whole audit file to PassBlue tomorrow"),
    ("press-threat", "سأرسل كل الملف للصحافة إذا ما تغير شي"),
    ("preaches-not-practises", "Eleven-month contracts for nine years, from the organisation that preaches decent work to everyone"),
    ("demeans-colleague", "Our new colleague is from Lagos and late again, these people never learn"),
    ("demeans-colleague", "The Brazilians on my team need three meetings to decide lunch. typical"),
    ("threat", "whoever scratched my bike, I'll break your stupid legs"),
    ("threat", "Cet arbitre, faudrait lui casser les jambes"),
    ("trades-on-un", "Prints of my General Assembly photos are for sale, rates on request"),
    ("trades-on-un", "我在联大拍的照片可以购买了，限量签名版"),
    ("favouritism", "The P4 went to the Rep's pick again, the interview panel was theatre"),
    ("favouritism", "Конкурс на P3: внутренний кандидат давно выбран, остальные для массовки"),
    ("press-threat", "If my contract is blocked again I'm going to the press with everything"),
    ("before-release", "Our office in Kassala closes in May. Official announcement to follow"),
    ("steers-tender", "Para los proveedores: el techo está en 300 mil, oferten un poquito por debajo"),
])
def test_two_part_cues_fire_on_both_halves(cue: str, text: str) -> None:
    assert cue in cues_in(text)


@pytest.mark.parametrize(("cue", "text"), [
    ("trades-on-un", "UNICEF is hiring in Amman, apply through the careers page"),
    ("trades-on-un", "Code promo sur les pizzas ce soir, 20% de réduction"),
    ("trades-on-un", "Le doy un descuento a mi vecino, precio de amigo"),
    ("speaks-for-un", "Great interview with my favourite novelist on the radio this morning"),
    ("claims-un-position", "The UN Secretary-General's spokesperson said the talks resume Monday"),
    ("favouritism", "Congrats to my friend on her promotion!! so proud"),
    ("favouritism", "We are recruiting: vacancy for a driver in Goma, apply by Friday"),
    ("personal-contact", "The embassy hotline is +33 1 43 12 22 22 for citizens abroad"),
    ("health-of-another", "I'm in hospital for a small surgery, back next week"),
    ("stay-details", "Booked room 204 at a sweet little hotel in Porto for our anniversary"),
    ("stay-details", "The team won 3-1 tonight, what a match!"),
    ("route-now", "Road trip with the kids: now passing Lyon, by tonight we'll be in Marseille"),
    ("steers-tender", "Lowest price so far for flights to Lisbon, go a bit lower please Ryanair"),
    ("steers-tender", "The city's procurement reform was approved by the council today"),
    ("before-release", "I know for sure my cat ate the last croissant"),
    ("before-release", "The agency published its annual report today, link below"),
    ("locates-person", "People who say refugees don't want to work never saw the queue go round the block twice"),
    ("locates-person", "Our patients' waiting room got new chairs, thank you donors!"),
    ("press-threat", "@mike_t i'm taking Mahomes first in the draft and you're gonna cry"),
    ("press-threat", "A journalist asked me about work, I forwarded it to our press office"),
    ("favouritism", "Congrats to my golf buddy on his new job at the bank!"),
    ("demeans-colleague", "My colleague brought dumplings for everyone, these people know how to cook 😍"),
    ("access-detail", "Changing of the guard at the palace every day at 11, free and very photogenic"),
    ("trades-on-un", "Мой офис: видно пост охраны и бронированные машины UNAMA"),
    ("trades-on-un", "The General Assembly hall is stunning, took a tour today"),
    ("favouritism", "Congrats to our P3 colleague on her new posting, well deserved"),
    ("demeans-colleague", "The Brazilians on my team brought the best cake, love them"),
])
def test_one_half_alone_is_not_the_cue(cue: str, text: str) -> None:
    assert cue not in cues_in(text)


def test_a_two_part_cue_names_both_halves_for_the_reason() -> None:
    words = cues_in("As a WFP officer I recommend my bakery, 10% off with code WFP10")["trades-on-un"]
    assert "WFP" in words and "10% off" in words


def test_a_shouted_post_is_not_an_agency() -> None:
    assert "trades-on-un" not in cues_in("WHO IS SELLING TICKETS FOR SATURDAY??? DM ME PRICES")
    assert "trades-on-un" in cues_in("Proud WHO nurse here, my bakery ships today, DM me for prices")


@pytest.mark.parametrize("text", [
    "Take my parking spot again and I swear I know where you live.",
    "Le prochain qui se moque de moi, je lui casse la gueule. Je rigole pas.",
    "@tomas sé dónde vives. Sigue hablando.",
    "ещё слово — и я тебе ноги переломаю",
    "下次再截图我的消息，我打断他的腿",
])
def test_threats(text: str) -> None:
    assert "threat" in cues_in(text)


def test_a_threat_the_writer_calls_a_joke_is_banter() -> None:
    assert "threat" not in cues_in("@zhang 书记得还我，不然打断你的腿（开玩笑的 😂）")
    assert "threat" not in cues_in("spoil the finale and I'll break your legs jk")


@pytest.mark.parametrize("text", [
    "@dan_k you absolute moron, delete your account",
    "t'es qu'un minable, personne te supporte",
    "@caro eres una estúpida y todos lo saben",
    "@lesha ты просто ничтожество",
    "يا حقير يا واطي",
    "@小王 你这个废物，什么都干不好",
])
def test_insults_aimed_at_someone(text: str) -> None:
    assert "insults-someone" in cues_in(text)


@pytest.mark.parametrize("text", [
    "@kostya ахаха ну ты лох 😂 проспорил — с тебя пицца",  # banter
    "On m'a traitée de « sale gouine » dans la rue hier.",  # reported to condemn it
    "@SNCF 2h de retard et aucune info, remboursez les billets",
    "草泥马（羊驼）今天在动物园看到真的了",
])
def test_banter_reports_and_lookalikes_are_not_insults_aimed_at_someone(text: str) -> None:
    assert "insults-someone" not in cues_in(text)
