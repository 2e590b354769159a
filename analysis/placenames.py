"""Place names in a post's text, read offline from a small built-in gazetteer (#13).

The gazetteer lists the cities and towns where UN staff most often serve: the
duty stations, peacekeeping and humanitarian hubs, and the large refugee camps,
with common spellings in the six UN languages and a position to two decimals
(a town, not a building). It is written by hand from general knowledge; nothing
is downloaded.

Matching rules (one place):

- Latin and Cyrillic names match case-insensitively on word boundaries, so
  "Goma" is found in "back in Goma!" but not in "Gomaland"; accents are part of
  the name (``Genève`` and ``Geneva`` are both listed). Russian names ending in
  -а/-я also match in their usual cases ("в Женеве").
- Arabic names match as whole words, allowing the attached prefixes و ف ب ل ك
  ("بجنيف", "in Geneva"); Chinese names, written without spaces, match as exact
  substrings. Names that are also common words (Tyre, Wau, Beni, Roma, عمان
  which is also Oman) are left out.
- Nothing inside a web address, an ``@handle`` or a ``#hashtag`` counts: a
  link to ``geneva.example`` or ``@UNGeneva`` names an account, not where you
  were.

A named place never raises a finding on its own (a holiday in Geneva is not a
risk); it is only evidence for a post already judged ``security-risk``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = ["GAZETTEER_VERSION", "NAMED_SOURCE", "NamedPlace", "GAZETTEER", "find_places", "place_evidence"]

GAZETTEER_VERSION = 1
"""Bump when the gazetteer or the matching rules change (analysis re-reads every post)."""

NAMED_SOURCE = "named in the text"
"""The ``position_source`` of a place read from the words of a post (a town, less precise than GPS)."""


@dataclass(frozen=True, slots=True)
class NamedPlace:
    """One gazetteer entry: its English name, country, position (town centre) and the names it is written as."""

    name: str
    country: str
    lat: float
    lon: float
    names: tuple[str, ...]


def _p(line: str) -> NamedPlace:
    name, country, lat, lon, *variants = (s.strip() for s in line.split("|"))
    names = tuple(dict.fromkeys([name, *(v for v in variants if v)]))
    return NamedPlace(name=name, country=country, lat=float(lat), lon=float(lon), names=names)


# name | country | lat | lon | other spellings (FR, ES, RU, AR, ZH and local, where common)
_TABLE = """
New York|United States|40.71|-74.01|Nueva York|Нью-Йорк|نيويورك|纽约
Geneva|Switzerland|46.20|6.14|Genève|Ginebra|Genf|Женева|جنيف|日内瓦
Vienna|Austria|48.21|16.37|Vienne|Viena|Wien|Вена|فيينا|维也纳
Nairobi|Kenya|-1.29|36.82|Найроби|نيروبي|内罗毕
Bangkok|Thailand|13.76|100.50|Бангкок|بانكوك|曼谷
Addis Ababa|Ethiopia|9.03|38.74|Addis-Abeba|Adís Abeba|Аддис-Абеба|أديس أبابا|亚的斯亚贝巴
Santiago de Chile|Chile|-33.45|-70.67|Сантьяго|سانتياغو|圣地亚哥
Beirut|Lebanon|33.89|35.50|Beyrouth|Beirut|Бейрут|بيروت|贝鲁特
Rome|Italy|41.90|12.50|Рим|روما|罗马
Paris|France|48.86|2.35|París|Париж|باريس|巴黎
The Hague|Netherlands|52.08|4.30|La Haye|La Haya|Den Haag|Гаага|لاهاي|海牙
Bonn|Germany|50.74|7.10|Бонн|بون|波恩
Copenhagen|Denmark|55.68|12.57|Copenhague|Копенгаген|كوبنهاغن|哥本哈根
Brussels|Belgium|50.85|4.35|Bruxelles|Bruselas|Брюссель|بروكسل|布鲁塞尔
Amman|Jordan|31.95|35.93|Ammán|Амман|安曼
Cairo|Egypt|30.04|31.24|Le Caire|El Cairo|Каир|القاهرة|开罗
Dakar|Senegal|14.72|-17.47|Дакар|داكار|达喀尔
Panama City|Panama|8.98|-79.52|Ciudad de Panamá|Panamá|Панама|بنما|巴拿马城
Istanbul|Türkiye|41.01|28.98|Estambul|Стамбул|إسطنبول|伊斯坦布尔
Gaziantep|Türkiye|37.07|37.38|Газиантеп|غازي عنتاب
Ankara|Türkiye|39.93|32.86|Анкара|أنقرة|安卡拉
Baghdad|Iraq|33.31|44.36|Bagdad|Багдад|بغداد|巴格达
Erbil|Iraq|36.19|44.01|Arbil|Эрбиль|أربيل|埃尔比勒
Mosul|Iraq|36.34|43.13|Mossoul|Mosul|Мосул|الموصل|摩苏尔
Damascus|Syria|33.51|36.29|Damas|Damasco|Дамаск|دمشق|大马士革
Aleppo|Syria|36.20|37.13|Alep|Alepo|Алеппо|حلب|阿勒颇
Gaza|State of Palestine|31.50|34.47|Gaza|Газа|غزة|加沙
Jerusalem|Israel / State of Palestine|31.77|35.21|Jérusalem|Jerusalén|Иерусалим|القدس|耶路撒冷
Ramallah|State of Palestine|31.90|35.20|Рамалла|رام الله|拉姆安拉
Sanaa|Yemen|15.37|44.19|Sana'a|Sanaa|Saná|صنعاء|萨那
Aden|Yemen|12.79|45.02|Adén|Аден|عدن|亚丁
Kabul|Afghanistan|34.53|69.17|Kaboul|Kabul|Кабул|كابل|喀布尔
Kandahar|Afghanistan|31.63|65.71|Kandahar|Кандагар|قندهار|坎大哈
Islamabad|Pakistan|33.68|73.05|Исламабад|إسلام آباد|伊斯兰堡
Peshawar|Pakistan|34.01|71.58|Пешавар|بيشاور|白沙瓦
Dhaka|Bangladesh|23.81|90.41|Dacca|Дакка|دكا|达卡
Cox's Bazar|Bangladesh|21.43|92.01|Cox’s Bazar|Коксабазар|كوكس بازار|科克斯巴扎尔
Kutupalong|Bangladesh|21.21|92.16|Кутупалонг|كوتوبالونغ
Yangon|Myanmar|16.87|96.20|Rangoon|Rangún|Янгон|يانغون|仰光
Kathmandu|Nepal|27.72|85.32|Katmandou|Katmandú|Катманду|كاتماندو|加德满都
New Delhi|India|28.61|77.21|New Delhi|Nueva Delhi|Нью-Дели|نيودلهي|新德里
Jakarta|Indonesia|-6.21|106.85|Yakarta|Джакарта|جاكرتا|雅加达
Manila|Philippines|14.60|120.98|Manille|Манила|مانيلا|马尼拉
Tokyo|Japan|35.68|139.69|Tokio|Токио|طوكيو|东京
Beijing|China|39.90|116.41|Pékin|Pekín|Пекин|بكين|北京
Port-au-Prince|Haiti|18.59|-72.31|Puerto Príncipe|Порт-о-Пренс|بور أو برنس|太子港
Bogotá|Colombia|4.71|-74.07|Bogota|Богота|بوغوتا|波哥大
Caracas|Venezuela|10.48|-66.90|Каракас|كاراكاس|加拉加斯
Cúcuta|Colombia|7.89|-72.51|Cucuta|Кукута
Tegucigalpa|Honduras|14.07|-87.19|Тегусигальпа|تيغوسيغالبا
Guatemala City|Guatemala|14.63|-90.51|Ciudad de Guatemala|Гватемала|غواتيمالا
Mexico City|Mexico|19.43|-99.13|Ciudad de México|Мехико|مكسيكو سيتي|墨西哥城
Juba|South Sudan|4.85|31.58|Джуба|جوبا|朱巴
Malakal|South Sudan|9.53|31.66|Малакаль|ملكال
Bentiu|South Sudan|9.23|29.80|Бентиу|بانتيو
Khartoum|Sudan|15.50|32.56|Khartoum|Jartum|Хартум|الخرطوم|喀土穆
Port Sudan|Sudan|19.62|37.22|Port-Soudan|Puerto Sudán|Порт-Судан|بورتسودان|苏丹港
El Fasher|Sudan|13.63|25.35|Al-Fashir|Эль-Фашер|الفاشر
Nyala|Sudan|12.05|24.88|Ньяла|نيالا
El Geneina|Sudan|13.45|22.45|Geneina|Эль-Генейна|الجنينة
Abyei|Sudan / South Sudan|9.60|28.44|Абьей|أبيي
Mogadishu|Somalia|2.05|45.32|Mogadiscio|Могадишо|مقديشو|摩加迪沙
Baidoa|Somalia|3.11|43.65|Байдоа|بيدوا
Hargeisa|Somalia|9.56|44.06|Харгейса|هرجيسا
Garowe|Somalia|8.41|48.48|Гароуэ|جاروي
Dadaab|Kenya|0.05|40.31|Дадааб|داداب|达达阿布
Kakuma|Kenya|3.72|34.87|Какума|كاكوما
Kampala|Uganda|0.35|32.58|Кампала|كمبالا|坎帕拉
Bidi Bidi|Uganda|3.47|31.38|Bidibidi
Kigali|Rwanda|-1.94|30.06|Кигали|كيغالي|基加利
Bujumbura|Burundi|-3.38|29.36|Бужумбура|بوجومبورا
Kinshasa|DR Congo|-4.44|15.27|Киншаса|كينشاسا|金沙萨
Goma|DR Congo|-1.68|29.23|Гома|غوما|戈马
Bukavu|DR Congo|-2.51|28.86|Букаву|بوكافو
Bunia|DR Congo|1.56|30.25|Буниа|بونيا
Kalemie|DR Congo|-5.95|29.19|Калемие
Bangui|Central African Republic|4.39|18.56|Банги|بانغي|班吉
Bria|Central African Republic|6.54|21.99|Бриа
N'Djamena|Chad|12.13|15.06|Ndjamena|Yamena|Нджамена|انجامينا|恩贾梅纳
Abéché|Chad|13.83|20.83|Abeche|Абеше|أبشي
Adré|Chad|13.47|22.20|Adre|Адре|أدري
Bamako|Mali|12.64|-8.00|Бамако|باماكو|巴马科
Gao|Mali|16.27|-0.04|Гао|غاو|加奥
Timbuktu|Mali|16.77|-3.01|Tombouctou|Tombuctú|Тимбукту|تمبكتو|廷巴克图
Kidal|Mali|18.44|1.41|Кидаль|كيدال
Mopti|Mali|14.49|-4.20|Мопти|موبتي
Niamey|Niger|13.51|2.11|Ниамей|نيامي|尼亚美
Ouagadougou|Burkina Faso|12.37|-1.52|Уагадугу|واغادوغو|瓦加杜古
Maiduguri|Nigeria|11.85|13.16|Майдугури|مايدوغوري|迈杜古里
Abuja|Nigeria|9.08|7.40|Абуджа|أبوجا|阿布贾
Tripoli|Libya|32.89|13.19|Trípoli|Триполи|طرابلس|的黎波里
Benghazi|Libya|32.12|20.09|Benghazi|Bengasi|Бенгази|بنغازي|班加西
Tindouf|Algeria|27.67|-8.15|Тиндуф|تندوف
Laayoune|Western Sahara|27.15|-13.20|Laâyoune|El Aaiún|Эль-Аюн|العيون
Nicosia|Cyprus|35.17|33.36|Nicosie|Nicosia|Никосия|نيقوسيا|尼科西亚
Naqoura|Lebanon|33.12|35.14|Nakoura|Накура|الناقورة
Pristina|Kosovo|42.66|21.17|Prishtina|Priština|Приштина|بريشتينا|普里什蒂纳
Sarajevo|Bosnia and Herzegovina|43.86|18.41|Сараево|سراييفو|萨拉热窝
Kyiv|Ukraine|50.45|30.52|Kiev|Kiev|Киев|Київ|كييف|基辅
Kharkiv|Ukraine|49.99|36.23|Kharkov|Járkov|Харьков|Харків|خاركيف|哈尔科夫
Odesa|Ukraine|46.48|30.72|Odessa|Odesa|Одесса|Одеса|أوديسا|敖德萨
Dnipro|Ukraine|48.46|35.05|Днепр|Дніпро|دنيبرو
Lviv|Ukraine|49.84|24.03|Lviv|Львов|Львів|لفيف|利沃夫
Tbilisi|Georgia|41.72|44.78|Tbilissi|Тбилиси|تبليسي|第比利斯
Yerevan|Armenia|40.18|44.51|Erevan|Ereván|Ереван|يريفان|埃里温
Baku|Azerbaijan|40.41|49.87|Bakou|Bakú|Баку|باكو|巴库
Moscow|Russian Federation|55.76|37.62|Moscou|Moscú|Москва|موسكو|莫斯科
Almaty|Kazakhstan|43.24|76.89|Алматы|ألماتي|阿拉木图
Dushanbe|Tajikistan|38.56|68.77|Douchanbé|Dusambé|Душанбе|دوشانبي|杜尚别
Tashkent|Uzbekistan|41.30|69.24|Tachkent|Taskent|Ташкент|طشقند|塔什干
Tehran|Iran|35.69|51.39|Téhéran|Teherán|Тегеран|طهران|德黑兰
Riyadh|Saudi Arabia|24.71|46.68|Riyad|Riad|Эр-Рияд|الرياض|利雅得
Doha|Qatar|25.29|51.53|Доха|الدوحة|多哈
Dubai|United Arab Emirates|25.20|55.27|Dubaï|Dubái|Дубай|دبي|迪拜
Zaatari|Jordan|32.30|36.32|Za'atari|Zaatari|Заатари|الزعتري|扎塔里
Azraq|Jordan|31.90|36.58|Азрак|الأزرق
Djibouti|Djibouti|11.59|43.15|Yibuti|Джибути|جيبوتي|吉布提
Asmara|Eritrea|15.32|38.93|Асмэра|أسمرة|阿斯马拉
Gambella|Ethiopia|8.25|34.59|Gambela|Гамбела|غامبيلا
Mekelle|Ethiopia|13.50|39.47|Mek'ele|Мэкэле|ميكيلي
Maputo|Mozambique|-25.97|32.57|Мапуту|مابوتو|马普托
Pemba|Mozambique|-12.97|40.52|Пемба
Harare|Zimbabwe|-17.83|31.05|Хараре|هراري|哈拉雷
Lilongwe|Malawi|-13.96|33.79|Лилонгве|ليلونغوي
Antananarivo|Madagascar|-18.88|47.51|Антананариву|أنتاناناريفو|塔那那利佛
Pretoria|South Africa|-25.75|28.19|Претория|بريتوريا|比勒陀利亚
Johannesburg|South Africa|-26.20|28.05|Johannesbourg|Йоханнесбург|جوهانسبرغ|约翰内斯堡
Abidjan|Côte d'Ivoire|5.36|-4.01|Абиджан|أبيدجان|阿比让
Monrovia|Liberia|6.30|-10.80|Монровия|مونروفيا|蒙罗维亚
Freetown|Sierra Leone|8.48|-13.23|Фритаун|فريتاون|弗里敦
Accra|Ghana|5.60|-0.19|Аккра|أكرا|阿克拉
Dili|Timor-Leste|-8.56|125.57|Дили|ديلي|帝力
Suva|Fiji|-18.14|178.44|Сува|سوفا|苏瓦
"""

GAZETTEER: tuple[NamedPlace, ...] = tuple(_p(line) for line in _TABLE.strip().splitlines())
"""Every listed place (about 140 towns)."""

_ARABIC = re.compile(r"[\u0600-\u06ff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_CJK = re.compile(r"[\u3400-\u9fff]")  # written without spaces between words
_SKIP = re.compile(r"(?:https?://|www\.)\S+|\b[\w.-]+\.(?:org|com|net|int|ch|info|io)\b\S*|[@#][\w.-]+", re.IGNORECASE)


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], dict[str, NamedPlace]]:
    index: dict[str, NamedPlace] = {}
    for place in GAZETTEER:
        for n in place.names:
            index.setdefault(n.casefold(), place)
            if _CYRILLIC.search(n) and n[-1] in "ая":  # Russian cases: в Женеве, из Москвы, над Гомой
                for end in ("ы", "и", "е", "у", "ю", "ой", "ей"):
                    index.setdefault((n[:-1] + end).casefold(), place)
    names = sorted(index, key=len, reverse=True)  # longest first: "Port Sudan" before "Sudan"-like prefixes
    spaced = [re.escape(n) for n in names if not _ARABIC.search(n) and not _CJK.search(n)]
    arabic = [re.escape(n) for n in names if _ARABIC.search(n)]
    cjk = [re.escape(n) for n in names if _CJK.search(n)]
    pattern = (rf"(?<![\w'’-])(?P<w>{'|'.join(spaced)})(?![\w'’-])"
               rf"|(?<![\u0600-\u06ff])[وفبلك]{{0,2}}(?P<a>{'|'.join(arabic)})(?![\u0600-\u06ff])"
               rf"|(?P<c>{'|'.join(cjk)})")
    return re.compile(pattern, re.IGNORECASE), index


def find_places(text: str | None) -> list[NamedPlace]:
    """The listed places a text names, in order of first mention, without repeats.

    Args:
        text: a post's text (or the text read from its picture).

    Returns:
        The gazetteer entries named outside web addresses, ``@handles`` and ``#hashtags``.
    """
    if not text:
        return []
    clean = _SKIP.sub(lambda m: " " * len(m.group(0)), text)
    pattern, index = _patterns()
    out: list[NamedPlace] = []
    for m in pattern.finditer(clean):
        place = index.get((m.group('w') or m.group('a') or m.group('c')).casefold())
        if place is not None and place not in out:
            out.append(place)
    return out


def place_evidence(*texts: str | None) -> dict[str, Any] | None:
    """The first listed place the texts name, as a finding's explanation fields; None when none is named.

    Returns:
        ``{"place", "lat", "lon", "position_source"}``, ``place`` as "Town, Country" and
        ``position_source`` :data:`NAMED_SOURCE` (the town's centre, not where the post was made).
    """
    for text in texts:
        found = find_places(text)
        if found:
            p = found[0]
            return {"place": f"{p.name}, {p.country}", "lat": p.lat, "lon": p.lon, "position_source": NAMED_SOURCE}
    return None
