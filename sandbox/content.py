"""Hand-written content of the demo persona: the concern slips, hard negatives and other accounts.

The persona, Talia Moreno-Haddad, is invented, and so are the country (Veloria),
its parties (Movimiento Aurora, Union Nacional), its politicians and the duty
station (Marenzi). She joined the UN on 2021-09-01. Every text here was written
for the sandbox. Each entry is ``(key, account, kind, when, lang, text, concerns, extra)``;
``extra`` may hold ``alt`` (media alt text), ``cw``, ``reply_to``/``subject`` (keys),
``card`` (link-card URL), ``title`` (pages), ``edited`` and ``before`` (edit time, first version),
``pinned``, ``poll``.
"""

from __future__ import annotations

from typing import Any

__all__ = ["APPOINTMENT", "ACCOUNTS", "OTHER_POSTS", "SLIPS", "NEGATIVES", "PAGES"]

APPOINTMENT = "2021-09-01"

PP = "partisan-politics"
CI = "confidential-info"
SR = "security-risk"
PR = "privacy-of-others"
NE = "un-name-emblem"
WG = "workplace-grievance"
OC = "offensive-conduct"
US = "unauthorized-statement"
UB = "unbefitting-conduct"

Row = tuple[str, str, str, str, str, str, tuple[str, ...], dict[str, Any]]

# key: platform, handle (username or bsky handle), display name, note, fields, created, extra, persona?
ACCOUNTS: dict[str, dict[str, Any]] = {
    "talia": {"platform": "mastodon", "handle": "talia", "name": "Talia Moreno-Haddad",
              "note": "Programme Officer @ United Nations (UNDP Marenzi) since 2021. Water, cities, "
                      "sourdough. Views are my own. #Veloria",
              "fields": [("Blog", "{base}/blog/"), ("Links", "{base}/links/talia/"),
                         ("Contact", "talia.moreno-haddad@un.org"), ("In the press", "{base}/press/aurora-rally/")],
              "created": "2016-08-01T09:00:00", "persona": True,
              "concerns": ("un-affiliation", "affiliation-with-partisanship", "disclaimer-reliance",
                           "professional-email")},
    "unhub": {"platform": "mastodon", "handle": "un_veloria_hub", "name": "United Nations Veloria Hub",
              "note": "Official-looking updates on UN work in Veloria. Run by Talia M-H.",
              "fields": [("Website", "{base}/blog/"), ("Editor", "{base}/cv/talia/")],
              "created": "2022-02-10T10:00:00",
              "persona": True, "avatar_alt": "The UN emblem, a world map in olive branches",
              "concerns": ("institutional-lookalike", "un-affiliation")},
    "marco": {"platform": "mastodon", "handle": "marco_r", "name": "Marco Ruiz", "note": "Cyclist. Loud.",
              "fields": [], "created": "2016-04-20T12:00:00"},
    "aurora_m": {"platform": "mastodon", "handle": "aurora_veloria", "name": "Movimiento Aurora",
                 "note": "Partido político. Por una Veloria que escucha.", "fields": [],
                 "created": "2016-06-01T12:00:00"},
    "civic_m": {"platform": "mastodon", "handle": "civicdesk", "name": "Civic Desk",
                "note": "Neutral news from Veloria.", "fields": [], "created": "2016-05-02T12:00:00"},
    "talia_b": {"platform": "bluesky", "handle": "talia.test", "name": "Talia Moreno-Haddad",
                "note": "UN programme officer in Marenzi 🇺🇳 | urban water | opinions mine, not my employer's",
                "website": "{base}/blog/", "created": "2023-04-11T08:00:00", "persona": True,
                "concerns": ("un-affiliation", "affiliation-with-partisanship", "disclaimer-reliance")},
    "quiet": {"platform": "bluesky", "handle": "quietobserver.test", "name": "Quiet Observer",
              "note": "Just a bystander who has seen how the UN really works. Anonymous for a reason.",
              "website": "", "created": "2023-09-01T08:00:00", "persona": True, "did_web": True,
              "concerns": ("pseudonymous-un-commentary",)},
    "aurora_b": {"platform": "bluesky", "handle": "auroraveloria.test", "name": "Movimiento Aurora",
                 "note": "Cuenta oficial del partido.", "website": "", "created": "2023-04-01T08:00:00"},
    "news_b": {"platform": "bluesky", "handle": "newsdesk.test", "name": "Veloria Newsdesk",
               "note": "Headlines.", "website": "", "created": "2023-04-01T08:00:00"},
    "jonas_b": {"platform": "bluesky", "handle": "jonas-k.test", "name": "Jonas K", "note": "finance nerd",
                "website": "", "created": "2023-05-01T08:00:00"},
}

OTHER_POSTS: list[Row] = [
    ("o-au1", "aurora_m", "original", "2017-05-02 10:00", "es",
     "¡Este domingo vota Movimiento Aurora! Cuatro años más de Unión Nacional son cuatro años perdidos. "
     "#VotaAurora", (PP,), {}),
    ("o-au2", "aurora_m", "original", "2022-11-06 18:00", "es",
     "Valcárcel miente otra vez. Únete a la marcha del sábado contra su gobierno. #FueraValcarcel", (PP,), {}),
    ("o-mr1", "marco", "original", "2016-09-10 20:00", "en",
     "Aurora people are all the same, zero ideas and a lot of noise.", (), {}),
    ("o-mr2", "marco", "original", "2019-04-01 09:00", "en", "Sunday ride: 80 km along the coast road.", (), {}),
    ("o-cd1", "civic_m", "original", "2020-08-03 07:00", "en",
     "Polling stations open at 07:00 on Sunday. Check yours on the electoral commission website.", (), {}),
    ("o-cd2", "civic_m", "original", "2023-06-12 07:00", "fr",
     "Le parlement a adopté le budget 2024 cette nuit par 112 voix contre 98.", (), {}),
    ("o-cd3", "civic_m", "original", "2024-01-15 07:00", "en",
     "Heavy rain expected along the coast this weekend; the met office has issued a yellow alert.", (), {}),
    ("o-ab1", "aurora_b", "original", "2024-02-19 12:00", "es",
     "Unión Nacional: cuatro años más de mentiras. ¡Vota Aurora en marzo! #VotaAurora", (PP,), {}),
    ("o-ab2", "aurora_b", "original", "2024-02-28 12:00", "en",
     "Donate today and help us beat Valcárcel's machine: every peso counts. #VotaAurora", (PP,), {}),
    ("o-ab3", "aurora_b", "original", "2025-03-05 12:00", "es",
     "Lucía Ferrán: la única candidata que puede sacar a Valcárcel del poder.", (PP,), {}),
    ("o-nb1", "news_b", "original", "2023-07-01 06:00", "en",
     "City council approves new bus lanes on Avenida del Mar; works start in September.", (), {}),
    ("o-nb2", "news_b", "original", "2024-04-22 06:00", "en",
     "Earth Day: volunteers planted 4,000 trees along the river in Puerto Alba.", (), {}),
    ("o-nb3", "news_b", "original", "2025-01-10 06:00", "fr",
     "Inondations à Marenzi : les écoles restent fermées jusqu'à lundi.", (), {}),
    ("o-nb4", "news_b", "original", "2025-09-14 06:00", "es",
     "El gobierno de Valcárcel es un desastre y hay que echarlo ya. Opinión.", (PP,), {}),
    ("o-jk1", "jonas_b", "original", "2024-06-01 09:00", "en", "Spreadsheets are a love language.", (), {}),
    ("o-jk2", "jonas_b", "original", "2024-10-03 09:00", "en", "Finally finished the budget cycle. Sleep.", (), {}),
]

# post slips: every post concern several times, pre and post appointment, several languages
SLIPS: list[Row] = [
    ("s-pp1", "talia", "original", "2017-05-03 11:20", "es",
     "Mañana todos a votar por Lucía Ferrán y el Movimiento Aurora. ¡Veloria merece un gobierno que "
     "escuche! #VotaAurora", (PP,), {}),
    ("s-pp2", "talia", "original", "2016-03-02 19:05", "en",
     "Knocked on 200 doors today for Aurora. Unión Nacional had twelve years to fix the hospitals and did "
     "nothing. Chip in: https://aurora-veloria.example/donate #VotaAurora", (PP,), {}),
    ("s-pp3", "talia", "original", "2018-10-21 08:40", "ar",
     "صوّتوا لحركة أورورا يوم الأحد! حكومة فالكارسيل فشلت في كل شيء ويجب أن ترحل.", (PP,), {}),
    ("s-pp4", "talia", "original", "2019-05-20 17:30", "fr",
     "Fière d'avoir tracté pour la liste Aurora ce matin au marché. Votez Ferrán dimanche ! #Aurora2019",
     (PP,), {"cw": "politique"}),
    ("s-pp5", "talia", "repost", "2022-11-07 09:15", "es", "", (PP,), {"subject": "o-au2"}),
    ("s-pp6", "talia_b", "original", "2023-10-14 21:10", "en",
     "Honestly can't believe anyone still defends Valcárcel's government after the water scandal. Vote "
     "them out in March. #FueraValcarcel", (PP,), {}),
    ("s-pp7", "talia_b", "repost", "2024-02-20 08:00", "es", "", (PP,), {"subject": "o-ab1"}),
    ("s-pp8", "talia_b", "like", "2024-03-01 13:00", "en", "", (PP,), {"subject": "o-ab2"}),
    ("s-pp9", "talia_b", "quote", "2025-03-05 14:00", "es",
     "Exacto. Ferrán presidenta. 💚", (PP,), {"subject": "o-ab3"}),
    ("s-pp10", "talia", "repost", "2017-05-02 12:00", "es", "", (PP,), {"subject": "o-au1"}),
    ("s-ci1", "talia", "original", "2022-06-14 18:45", "en",
     "Draft of the country office restructuring memo just landed in my inbox: 14 posts cut in Marenzi, "
     "and the announcement isn't until July. Brace yourselves.", (CI,), {}),
    ("s-ci2", "talia_b", "original", "2024-09-03 20:30", "fr",
     "Petite fuite : le rapport d'audit interne sur les achats de véhicules sera accablant pour le "
     "fournisseur Savant Motors, on attend juste la signature.", (CI,), {}),
    ("s-ci3", "talia", "reply", "2023-02-08 22:10", "es",
     "Te lo adelanto: la plaza P4 ya está decidida, eligieron a la candidata interna antes de las "
     "entrevistas.", (CI, WG), {"reply_to": "o-mr2"}),
    ("s-ci4", "talia", "original", "2024-05-27 23:02", "en",
     "The investigation into our finance chief (yes, the one with the red Land Cruiser) has three "
     "witnesses from the admin unit, Dina, Paul and Mercy. Keep it quiet.", (CI, PR), {}),
    ("s-sr1", "talia", "original", "2022-03-08 20:00", "en",
     "Convoy of 9 trucks leaves the Tamar warehouse at 06:00 tomorrow, northern road via Kesh bridge. "
     "Pray for dry roads 🙏", (SR,), {}),
    ("s-sr2", "talia_b", "original", "2023-05-19 18:40", "en", "Sunset from our compound roof 🌇", (SR,),
     {"alt": "View from the roof of the UN compound in Marenzi showing the main gate, the guard post, "
             "the generator yard and the parked armoured vehicles"}),
    ("s-sr3", "talia", "original", "2024-11-04 21:00", "en",
     "Flying into Marenzi Tuesday on the 07:40 UNHAS flight with the Deputy Head of Mission, staying at "
     "Hotel Lumen till Friday.", (SR,), {}),
    ("s-sr4", "talia_b", "original", "2025-02-11 10:15", "ar",
     "نحن الآن في مخيم تامار، الفريق سيبقى في المبنى الأزرق قرب البوابة الشرقية حتى الساعة الخامسة.",
     (SR,), {}),
    ("s-pr1", "talia", "original", "2022-08-19 16:30", "en",
     "Amira (9) told me her whole story today, what a brave kid. Her full name is on the card so you can "
     "look her family up and help.", (PR,),
     {"alt": "Amira, a nine-year-old refugee girl at Tamar camp, holding her registration card with her "
             "full name and case number readable"}),
    ("s-pr2", "talia_b", "original", "2024-12-14 09:20", "en",
     "Happy birthday to @jonas-k.test from finance, seen here still passed out on the sofa at 3am after "
     "the office retreat party 😂", (PR, UB), {"alt": "A colleague asleep on a sofa among empty bottles"}),
    ("s-pr3", "talia", "original", "2020-02-11 19:00", "es",
     "Os presento a Rosa Medina, superviviente de violencia que atendimos hoy en la clínica; vive en la "
     "calle Olmo 14 si alguien quiere ayudarla.", (PR,), {}),
    ("s-ne1", "talia", "original", "2022-09-24 12:00", "en",
     "My photography prints are now for sale! As a UN officer I've seen the world, now you can too: "
     "https://taliaprints.example 🇺🇳 UN-approved quality 😉", (NE,), {}),
    ("s-ne2", "talia_b", "original", "2025-06-30 19:45", "fr",
     "Ma cagnotte pour le mariage de ma sœur, avec le soutien de l'ONU ! Donnez ici : "
     "https://cagnotte.example/talia", (NE,), {}),
    ("s-wg1", "talia", "original", "2023-07-03 22:30", "en",
     "Third time passed over for promotion while the director's golf buddy gets the P5. Corruption is "
     "alive and well at the UN office in Marenzi.", (WG,), {}),
    ("s-wg2", "talia_b", "original", "2024-08-12 23:10", "es",
     "Mi jefa es una incompetente y todo el mundo en la oficina lo sabe. Si no me renuevan el contrato, "
     "hablo con la prensa.", (WG,), {}),
    ("s-wg3", "talia", "original", "2025-04-18 21:40", "ru",
     "Наш начальник отдела снова присвоил себе чужую работу. Когда-нибудь я всё расскажу журналистам.",
     (WG,), {}),
    ("s-oc1", "talia_b", "reply", "2023-08-30 22:50", "en",
     "People from the northern provinces are just lazy, no wonder nothing ever gets built up there.",
     (OC,), {"reply_to": "o-nb1"}),
    ("s-oc2", "talia", "reply", "2016-09-10 21:30", "en",
     "@marco_r shut up you pathetic little man, nobody asked, go cry somewhere else", (OC,),
     {"reply_to": "o-mr1"}),
    ("s-oc3", "talia", "original", "2024-03-09 20:20", "zh",
     "那些难民整天只会伸手要钱，真让人受不了。", (OC, UB), {}),
    ("s-us1", "talia", "original", "2022-10-05 17:00", "en",
     "Speaking for our office: the UN will suspend all programmes in the eastern region from next month. "
     "You heard it here first.", (US, CI), {}),
    ("s-us2", "talia_b", "original", "2024-04-16 12:30", "fr",
     "Je donnerai une interview à Radio Alba jeudi pour expliquer la position de l'ONU sur la réforme "
     "foncière. Écoutez !", (US,), {}),
    ("s-us3", "talia", "original", "2023-05-03 09:00", "es",
     "Nosotros en la ONU exigimos que el gobierno de Veloria retire la ley de prensa de inmediato.",
     (US,), {}),
    ("s-ub1", "talia", "original", "2022-12-17 02:30", "en",
     "Compound Christmas party got WILD, lost count after the 9th tequila, security had to carry me home 🥴",
     (UB,), {"alt": "Blurry photo of people dancing on a table with bottles at the UN compound bar"}),
    ("s-ub2", "talia_b", "original", "2023-11-25 01:15", "en",
     "Won 800 bucks at the Marenzi casino tonight, UN badge still round my neck lol 🎰", (UB,), {}),
    ("s-ub3", "talia_b", "original", "2024-07-07 16:00", "ar",
     "الناس هنا بطيئون جداً ولا يفهمون شيئاً، أضحك عليهم كل يوم.", (UB, OC), {}),
    ("s-q1", "quiet", "original", "2023-10-02 22:00", "en",
     "Everyone in the Marenzi UN office knows which manager hires his friends. One day it will all come "
     "out.", (WG,), {}),
    ("s-q2", "quiet", "original", "2024-01-19 21:00", "en",
     "The UN's new water strategy is mostly slides. I've read the drafts, trust me.", (), {}),
    ("s-h1", "unhub", "original", "2022-03-01 10:00", "en",
     "Welcome to the United Nations Veloria Hub! Book our partner guesthouse with code UNHUB for 15% off: "
     "https://guesthouse.example", (NE,), {}),
]

# clean hard negatives: civic reminders, official shares, holidays, one's own job in general terms
NEGATIVES: list[Row] = [
    ("n-pin", "talia", "original", "2021-09-01 09:00", "en",
     "First day as Programme Officer with the UN in Marenzi. Grateful and a bit terrified. Views my own, "
     "as always.", (), {"pinned": True}),
    ("n-1", "talia", "original", "2021-02-27 08:00", "fr",
     "Les bureaux de vote ouvrent à 8h dimanche. Quel que soit votre choix, allez voter !", (), {}),
    ("n-2", "talia_b", "original", "2024-03-09 08:00", "es",
     "Elecciones el domingo: revisa tu centro de votación en la web de la comisión electoral.", (), {}),
    ("n-3", "talia", "original", "2023-03-22 09:00", "en",
     "The Secretary-General's message for World Water Day: https://www.un.org/en/observances/water-day "
     "#SDG6", (), {"card": "https://www.un.org/en/observances/water-day"}),
    ("n-4", "talia_b", "original", "2024-08-02 18:00", "en",
     "Back from two weeks in Lisbon. Pastéis de nata count: too many.", (),
     {"alt": "Tiled facade of a Lisbon street at golden hour"}),
    ("n-5", "talia", "original", "2023-12-30 12:00", "en",
     "Looking back at this year's field visits: the farmers' cooperative I met in spring still inspires me.",
     (), {"edited": "2023-12-30 12:20",
         "before": "Looking back at this years field visits: the farmers coperative I met in spring still inspire me."}),
    ("n-6", "talia", "original", "2022-05-04 13:00", "en",
     "Team photo from the workshop, shared with everyone's OK 😊", (),
     {"alt": "Twelve smiling people in front of a whiteboard"}),
    ("n-7", "talia_b", "original", "2024-11-20 19:00", "en",
     "Long week, but proud of what our team delivered. Weekend = books and naps.", (), {}),
    ("n-8", "talia", "original", "2023-09-14 10:00", "en",
     "Reminder to colleagues: the Ethics Office helpline is there if you see misconduct.", (), {}),
    ("n-9", "talia", "original", "2024-06-08 07:30", "en", "Which lunch spot near the office wins?", (),
     {"poll": ("Falafel cart", "Noodle bar", "Salad place")}),
    ("n-10", "talia_b", "original", "2025-05-01 11:00", "en",
     "Clean water is a human right. Proud of everyone working on #SDG6.", (), {}),
    ("n-11", "talia", "original", "2024-10-12 09:00", "en",
     "I strongly disagree with Marco about sourdough hydration. 70% is the only way.", (), {}),
    ("n-12", "talia_b", "repost", "2024-04-22 08:00", "en", "", (), {"subject": "o-nb2"}),
    ("n-13", "talia_b", "like", "2023-07-01 09:00", "en", "", (), {"subject": "o-nb1"}),
    ("n-14", "talia", "repost", "2020-08-03 08:00", "en", "", (), {"subject": "o-cd1"}),
    ("n-15", "talia_b", "quote", "2025-01-10 08:00", "fr", "Courage à toutes les familles touchées.", (),
     {"subject": "o-nb3"}),
    ("n-16", "talia_b", "like", "2024-06-01 10:00", "en", "", (), {"subject": "o-jk1"}),
    ("n-17", "talia_b", "reply", "2024-10-03 10:00", "en", "Well earned! 🎉", (), {"reply_to": "o-jk2"}),
    ("n-18", "talia_b", "original", "2023-06-20 09:00", "en",
     "World Refugee Day: read the official report at https://www.unhcr.org/global-trends", (),
     {"card": "https://www.unhcr.org/global-trends"}),
    ("n-19", "talia_b", "reply", "2023-10-14 21:20", "en",
     "(Sorry, rant over. Back to water pipes tomorrow.)", (), {"reply_to": "s-pp6"}),
    ("n-20", "talia", "reply", "2022-06-14 18:50", "en", "Anyway. Dinner time.", (), {"reply_to": "s-ci1"}),
    ("n-21", "talia", "repost", "2024-01-15 08:00", "en", "", (), {"subject": "o-cd3"}),
    ("n-22", "talia_b", "like", "2025-09-14 10:00", "es", "", (PP,), {"subject": "o-nb4"}),
]

# blog pages written by hand; bulk blog posts come from persona.py templates
PAGES: list[Row] = [
    ("p-about", "web", "page", "2021-09-05 10:00", "en",
     "I am Talia Moreno-Haddad. Since 1 September 2021 I work as a Programme Officer for the United "
     "Nations Development Programme in Marenzi. Before that I spent ten years organising with "
     "neighbourhood groups in Puerto Alba. Write to me at talia.moreno-haddad@un.org.", (),
     {"title": "About me"}),
    ("p-aurora", "web", "page", "2017-04-10 10:00", "en",
     "Why I'm campaigning for Aurora: Unión Nacional has failed us on housing, water and jobs. This spring "
     "I will knock on every door in my district for Lucía Ferrán. Join us and donate.", (PP,),
     {"title": "Why I'm campaigning for Aurora"}),
    ("p-consult", "web", "page", "2023-02-01 10:00", "en",
     "Proposal-writing coaching by a United Nations Programme Officer. Let a UN insider polish your grant "
     "application: packages from 150 USD. The UN emblem on this page shows the quality you can expect.",
     (NE,), {"title": "Coaching services"}),
    ("p-trip", "web", "page", "2024-05-02 10:00", "fr",
     "Journal de mission : nous partons jeudi à 5h30 du compound de Marenzi vers Tamar avec deux véhicules "
     "blindés et l'escorte habituelle ; retour prévu samedi par la route du nord.", (SR,),
     {"title": "Journal de mission"}),
]
