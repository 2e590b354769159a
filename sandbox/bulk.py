"""Templates for the persona's ordinary, clean posts (the majority of the demo).

Bulk posts are templates times fillers: cheap enough to build a 100,000-post
persona in seconds, and clean by construction (no concern words in any filler).
"""

from __future__ import annotations

import random

__all__ = ["clean_text", "other_text", "blog_post"]

_FILL: dict[str, dict[str, list[str]]] = {
    "en": {"place": ["the river path", "the old market", "Puerto Alba harbour", "the botanical garden",
                     "the hills above town", "the public library", "the seafront", "grandma's village"],
           "food": ["lentil soup", "fresh mango", "sourdough", "shakshuka", "empanadas", "mint tea",
                    "couscous", "plantain chips"],
           "book": ["a novel about lighthouse keepers", "a history of aqueducts", "a cookbook from Beirut",
                    "poems by a friend", "a graphic novel about bees", "a memoir about sailing"],
           "thing": ["rain barrels", "urban gardens", "bike lanes", "public fountains", "street trees",
                     "community wells", "solar pumps", "green roofs"]},
    "fr": {"place": ["la rivière", "la plage", "la corniche", "la vieille ville"],
           "food": ["une soupe de lentilles", "un tajine", "des crêpes", "un pain au levain"],
           "book": ["un roman sur les phares", "une histoire des aqueducs", "un recueil de poèmes"],
           "thing": ["les jardins partagés", "les pistes cyclables", "les fontaines publiques"]},
    "es": {"place": ["el río", "el mercado viejo", "el puerto", "el jardín botánico"],
           "food": ["sopa de lentejas", "empanadas", "arepas", "pan de masa madre"],
           "book": ["una novela sobre faros", "una historia de los acueductos", "un libro de poemas"],
           "thing": ["los huertos urbanos", "los carriles bici", "las fuentes públicas"]},
}

_TEMPLATES: dict[str, list[str]] = {
    "en": ["Morning walk along {place}. The light today was unreal.",
           "Made {food} for the first time. Verdict: will do again.",
           "Currently reading {book}. Highly recommend.",
           "Fascinating talk tonight about {thing} and how cities can use them.",
           "Weekend plan: nothing. Maybe {food}. Maybe a nap near {place}.",
           "Three things I learned about {thing} this week, a short thread.",
           "Rainy Sunday, {book} and a pot of {food}. Perfect.",
           "Spotted the first swallows of spring at {place} 🐦",
           "Does anyone have tips for keeping {thing} working in the dry season?",
           "Happy birthday to my little sister! 🎂 Cake and {food} all day."],
    "fr": ["Balade matinale le long de {place}, quelle lumière !",
           "J'ai testé {food} ce soir, c'était délicieux.",
           "Je lis en ce moment {book}, je recommande.",
           "Conférence passionnante sur {thing} et la ville de demain.",
           "Dimanche pluvieux : un livre, du thé, et {food}."],
    "es": ["Paseo por {place} esta mañana, qué luz tan bonita.",
           "Hoy cociné {food} por primera vez. ¡Salió bien!",
           "Leyendo {book}. Muy recomendable.",
           "Charla interesantísima sobre {thing} en la biblioteca.",
           "Domingo de lluvia, café y {food}. No pido más."],
    "ar": ["نزهة صباحية جميلة قرب النهر.",
           "جرّبت اليوم وصفة جديدة وكانت لذيذة جداً.",
           "أقرأ الآن كتاباً رائعاً، أنصح به بشدة.",
           "عطلة نهاية أسبوع هادئة مع العائلة والشاي بالنعناع."],
    "ru": ["Утренняя прогулка у реки, отличная погода.", "Прочитала хорошую книгу за выходные."],
    "zh": ["周末在河边散步，天气很好。", "今天第一次做了面包，很成功！"],
}
_LANG_WEIGHTS = [("en", 50), ("fr", 15), ("es", 18), ("ar", 10), ("ru", 4), ("zh", 3)]
_LANGS = [lang for lang, w in _LANG_WEIGHTS for _ in range(w)]

_OTHER = ["Photo of the day: fishing boats at dawn.", "New bakery opened on Calle Luna, go!",
          "Reminder: the library is open late on Thursdays.", "Our choir performs on Saturday at 6pm.",
          "Thread: ten years of cycling to work, what I've learned.", "The river festival is back this June.",
          "Le marché de nuit revient ce week-end.", "Nuevo parque infantil en el barrio norte."]

_BLOG_TOPICS = [("Notes on {thing}", "Some notes from reading about {thing}: who maintains them, what they "
                 "cost, and why neighbours care. I also walked past {place} to see a working example."),
                ("A recipe: {food}", "My family version of {food}, written down before I forget it. "
                 "Serves four, or two very hungry people."),
                ("Reading list", "What I read this season, starting with {book}. Short reviews below."),
                ("Weekend at {place}", "Photos and notes from a quiet weekend at {place}. Nothing much "
                 "happened, which was the point.")]


def _fill(rng: random.Random, template: str, lang: str = "en") -> str:
    fillers = _FILL.get(lang, _FILL["en"])
    return template.format(**{k: rng.choice(v) for k, v in fillers.items()})


def clean_text(rng: random.Random) -> tuple[str, str]:
    """One clean post as ``(lang, text)``."""
    lang = rng.choice(_LANGS)
    return lang, _fill(rng, rng.choice(_TEMPLATES[lang]), lang)


def other_text(rng: random.Random) -> tuple[str, str]:
    """A clean post by another account, for the persona to boost or like."""
    text = rng.choice(_OTHER)
    lang = "fr" if text.startswith("Le ") else "es" if text.startswith("Nuevo") else "en"
    return lang, text


def blog_post(rng: random.Random) -> tuple[str, str]:
    """A clean blog post as ``(title, body)``."""
    title, body = rng.choice(_BLOG_TOPICS)
    picks = {k: rng.choice(v) for k, v in _FILL["en"].items()}
    return title.format(**picks), body.format(**picks)
