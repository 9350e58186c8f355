"""A small, complete project written from the texts below, for tests that build.

Tests build this project rather than a copy of the example content in ``content/``, so
that rewording an example service never breaks a test about caching or atomic builds, and
so that each build takes a fraction of a second. Only the code-like parts of the project
(``mkdocs.yml``, ``templates/``, ``site_overrides/``) are copied from the repository.

Everything here is test data, and says so: the places (Testdorf, Probehausen, Musterfeld,
Teststadt), their regional keys (district 01999 and 01998) and postcodes (00101 to 00104)
do not exist, nor do the offices. The project is valid with ``--strict``; one notice
(a rate last changed more than a year before :data:`tests.helpers.TODAY`) is there on
purpose, so the freshness report has something to show.
"""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
#: the parts of a project that are code rather than content, copied as they are
CODE_PARTS = ("mkdocs.yml", "templates", "site_overrides")

#: the fixture's services, authorities and their kinds, for tests that name them
MONEY = "testgeld"
ASSISTANCE = "testassistenz"
SERVICES = (ASSISTANCE, MONEY)
WELFARE_OFFICE = "testland-sozialamt"
ASSISTANCE_OFFICE = "testland-assistenzstelle"
AUTHORITIES = (ASSISTANCE_OFFICE, WELFARE_OFFICE)

SITE = """\
# Test data: a site that exists only in the test suite.
name: Servicefinder Testdaten
description: Testdaten für die Tests von Servicefinder, keine echten Leistungen.
language: de
languages: [de, en]
operator:
  name: Testbetreiber (Testdaten)
  address: {street: Teststraße 1, postcode: "00101", city: Teststadt}
  phone: "+49 30 0000-0"
  email: test@example.org
  example_data: true
fallback:
  name: Behördennummer 115
  phone: "115"
  text: Die Behördennummer 115 hilft weiter (Testdaten).
review_interval_days: 365
topics:
  - {id: geld-zum-leben, de: Geld zum Leben, en: Money to live on}
  - {id: behinderung, de: Leben mit Behinderung, en: Living with a disability}
authority_kinds:
  - {id: sozialamt, de: Sozialamt, en: Social welfare office}
  - {id: eingliederungshilfe, de: Träger der Eingliederungshilfe, en: Integration assistance office}
easy_intro:
  de: |
    Auf dieser Seite gibt es Infos über Hilfen vom Amt.

    ## So finden Sie eine Hilfe

    Sie können ein Wort in das Such-Feld schreiben.
  en: |
    This website tells you about help from public offices.

    ## How to find help

    You can type a word into the search box.
imprint: |
  Diese Website besteht aus **Testdaten** für die Tests von Servicefinder.
privacy: |
  Diese Website setzt keine Cookies und lädt nichts von anderen Servern.
accessibility:
  status: Diese Testseite soll die WCAG 2.2 auf Stufe AA erfüllen.
  prepared: 2025-11-01
  method: Automatische Prüfung in den Tests.
  limitations:
    - Die Bedienelemente sind auch auf englischen Seiten deutsch.
  enforcement: |
    Wenden Sie sich an die **Schlichtungsstelle nach § 16 BGG**.
data_sources:
  - name: Testdaten der Testsuite
"""

MONEY_DE = """\
id: testgeld
title: Testgeld beantragen
summary: Eine erfundene Geldleistung für Tests, ausgezahlt vom Sozialamt.
topics: [geld-zum-leben]
keywords: [Sozialhilfe, Regelsatz, Stütze]
as_of: 2025-06-01
source:
  name: Testdaten
description: |
  Testgeld ist eine erfundene Leistung. Sie bekommen es, wenn Ihr Geld nicht reicht.

  ### Was gehört dazu?

  - der **Regelsatz** für Essen und Kleidung
  - die Kosten für die Miete
requirements:
  - Sie wohnen im Landkreis Testland oder in Teststadt.
  - Ihr Einkommen reicht nicht für das Nötigste.
documents:
  - name: Personalausweis
  - name: Nachweise über Einkommen
    note: zum Beispiel Kontoauszüge
  - name: Weitere Unterlagen, wenn das Sozialamt sie anfordert
    required: false
fees:
  text: Es fallen keine Gebühren an.
  amount_eur: 0
deadlines: Stellen Sie den Antrag, bevor Sie etwas kaufen.
processing_time: Etwa vier Wochen.
process:
  - Vereinbaren Sie einen Termin beim Sozialamt.
  - Das Sozialamt schickt Ihnen einen Bescheid.
forms:
  available: true
  online: false
  written_form_required: false
  informal_application: true
  personal_appearance: true
  note: Die Formulare bekommen Sie beim Sozialamt.
legal_basis:
  - {law: SGB XII, section: "27a"}
appeal: Gegen den Bescheid können Sie innerhalb eines Monats Widerspruch einlegen.
notes: Sagen Sie dem Sozialamt, wenn sich Ihr Einkommen ändert.
amounts:
  - id: regelsatz
    name: Regelsatz für Erwachsene
    period: im Monat
    values: [{from: 2019-01-01, eur: 400.00}, {from: 2024-01-01, eur: 500.00}]
related: [testassistenz]
responsible:
  authority_kind: sozialamt
easy:
  title: Testgeld vom Sozialamt
  text: |
    Manche Menschen haben zu wenig Geld zum Leben.
    Dann hilft das Sozialamt.

    ## Was muss ich tun?

    Rufen Sie beim Sozialamt an.
    Das Sozialamt schickt Ihnen einen Bescheid.
"""

MONEY_EN = """\
id: testgeld
title: Apply for test money
summary: A made-up benefit for tests, paid by the social welfare office.
keywords: [social assistance, standard rate]
description: |
  Test money is a made-up benefit. You get it if your money does not cover the essentials.
requirements:
  - You live in the district of Testland or in Teststadt.
  - Your income does not cover the essentials.
process:
  - Make an appointment with the social welfare office.
  - The office sends you a decision.
forms_note: You get the forms from the social welfare office.
amounts:
  - {id: regelsatz, name: Standard rate for adults, period: per month}
easy:
  title: Test money from the social welfare office
  text: |
    Some people have too little money to live on.
    Then the social welfare office helps.

    ## What do I do?

    Call the social welfare office.
"""

ASSISTANCE_DE = """\
id: testassistenz
title: Testassistenz für Menschen mit Behinderungen beantragen
summary: Eine erfundene Hilfe im Alltag für Tests, bezahlt vom Träger der Eingliederungshilfe.
topics: [behinderung]
keywords: [Assistenz, Begleitung, Teilhabe]
as_of: 2025-09-01
source:
  name: Testdaten
description: |
  Testassistenz ist eine erfundene Leistung. Eine Assistentin begleitet Sie im Alltag.
requirements:
  - Sie haben eine Behinderung.
documents:
  - name: Ärztlicher Bericht
fees:
  text: Es fallen keine Gebühren an.
process:
  - Stellen Sie einen Antrag bei der Assistenzstelle.
forms:
  available: true
  online: true
  written_form_required: false
  informal_application: true
  personal_appearance: false
legal_basis:
  - {law: SGB IX, section: "113"}
related: [testgeld]
responsible:
  authority_kind: eingliederungshilfe
easy:
  title: Hilfe im Alltag
  text: |
    Manche Menschen brauchen Hilfe im Alltag.
    Dann hilft eine Assistentin.
    Sie stellen dafür einen Antrag.
"""

ASSISTANCE_EN = """\
id: testassistenz
title: Apply for test assistance for people with disabilities
summary: A made-up kind of help in daily life, for tests.
keywords: [assistance, support]
description: |
  Test assistance is a made-up benefit. An assistant supports you in daily life.
easy:
  title: Help in daily life
  text: |
    Some people need help in daily life.
    Then an assistant helps.
"""

WELFARE_OFFICE_YAML = """\
id: testland-sozialamt
name: Landkreis Testland
department: Sozialamt (Testdaten)
kinds: [sozialamt]
address: {street: Teststraße 2, postcode: "00102", city: Testdorf}
phone: "+49 30 0000-100"
email: sozialamt@example.org
opening_hours:
  - {days: Montag bis Freitag, hours: 8:00 bis 12:00 Uhr}
accessibility:
  wheelchair_accessible: true
areas:
  - {ars: "01999", name: Landkreis Testland}
  - {ars: "01998", name: Stadt Teststadt}
example_data: true
"""

# one office for the whole test state: the most specific area wins, and there is no other
ASSISTANCE_OFFICE_YAML = """\
id: testland-assistenzstelle
name: Assistenzstelle Testland
kinds: [eingliederungshilfe]
address: {street: Probeweg 3, postcode: "00101", city: Teststadt}
phone: "+49 30 0000-200"
email: assistenz@example.org
accessibility:
  wheelchair_accessible: true
  hearing_loop: true
areas:
  - {ars: "01", name: Testland}
example_data: true
"""

GLOSSARY = """\
de:
  - term: Antrag
    forms: [Anträge]
    explanation: Ein Antrag ist ein Brief an das Amt. Darin steht, welche Hilfe Sie möchten.
  - term: Bescheid
    explanation: Ein Bescheid ist ein Brief vom Amt. Darin steht, was das Amt entschieden hat.
  - term: Assistentin
    forms: [Assistent]
    explanation: Eine Assistentin hilft Ihnen im Alltag.
en:
  - term: social welfare office
    explanation: The social welfare office is a public office. It helps people with little money.
"""

SYNONYMS = """\
groups:
  - [Sozialhilfe, Sozialamt, Stütze, social assistance]
  - [Assistenz, Assistentin, Begleitung]
  - [Testgeld, Probegeld]
"""

# Test data: made-up municipalities in a made-up district (01999) and town (01998).
MUNICIPALITIES = """\
ars,name,district_ars,district,lat,lon
019980000000,Teststadt,01998,Stadt Teststadt,54.30000,10.10000
019990001001,Testdorf,01999,Landkreis Testland,54.10000,9.90000
019990001002,Probehausen,01999,Landkreis Testland,54.20000,9.80000
019990002003,Musterfeld,01999,Landkreis Testland,54.00000,9.70000
"""

# 00103 reaches from Teststadt into Testdorf, like a real postcode across a district line
POSTCODES = """\
postcode,ars,places
00101,019980000000,Teststadt
00102,019990001001,Testdorf
00103,019980000000,Teststadt
00103,019990001001,Testdorf
00104,019990001002,Probehausen
00104,019990002003,Musterfeld
"""

#: path in the project -> text: every content file of the small project
CONTENT: dict[str, str] = {
    "content/site.yaml": SITE,
    f"content/services/{MONEY}.yaml": MONEY_DE,
    f"content/services/{MONEY}.en.yaml": MONEY_EN,
    f"content/services/{ASSISTANCE}.yaml": ASSISTANCE_DE,
    f"content/services/{ASSISTANCE}.en.yaml": ASSISTANCE_EN,
    f"content/authorities/{WELFARE_OFFICE}.yaml": WELFARE_OFFICE_YAML,
    f"content/authorities/{ASSISTANCE_OFFICE}.yaml": ASSISTANCE_OFFICE_YAML,
    "content/glossary.yaml": GLOSSARY,
    "content/synonyms.yaml": SYNONYMS,
    "content/places/municipalities.csv": MUNICIPALITIES,
    "content/places/postcodes.csv": POSTCODES,
    "content/pages/.gitkeep": "",
}


def small_project(root: Path, files: dict[str, str | None] | None = None) -> Path:
    """Write the small project into ``root`` and apply ``files`` (None deletes a file).

    The code-like parts come from the repository; the content comes from :data:`CONTENT`.
    """
    return write_project(root, CODE_PARTS, {**CONTENT, **(files or {})})


def write_project(root: Path, parts: tuple[str, ...], files: dict[str, str | None]) -> Path:
    """Copy ``parts`` of the repository into ``root``, then write ``files`` (None deletes)."""
    root.mkdir(parents=True, exist_ok=True)
    for part in parts:
        src = REPO / part
        if src.is_dir():
            shutil.copytree(src, root / part)
        else:
            shutil.copy2(src, root / part)
    for rel, text in files.items():
        path = root / rel
        if text is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return root


# --- further languages, for the tests of languages beyond German and English ---------------
#
# Test data like everything above: translations of the made-up service ``testgeld`` into
# Ukrainian, Arabic and Turkish, shaped like the example's machine translations (``review``,
# ``translated_from`` the ``as_of`` of MONEY_DE). Each translates every field MONEY_DE has,
# so nothing falls back to German until a test takes a field away. ``testassistenz`` stays
# untranslated into these languages, so its pages exist in German and English only.

#: the languages :func:`languages_project` adds to the site's German and English
FURTHER_LANGUAGES = ("uk", "ar", "tr")


def _replaced(text: str, *pairs: tuple[str, str]) -> str:
    """``text`` with each (old, new) replaced, old being required: a change to :data:`SITE`
    that drops a line this module extends fails here rather than quietly."""
    for old, new in pairs:
        if old not in text:
            raise ValueError(f"not in the text: {old!r}")
        text = text.replace(old, new)
    return text


#: the site file in five languages, with its labels translated (the example's wording)
LANGUAGES_SITE = _replaced(
    SITE,
    ("languages: [de, en]", "languages: [de, en, uk, ar, tr]"),
    (
        "en: Money to live on}",
        "en: Money to live on, uk: Гроші на життя, ar: مال للمعيشة, tr: Geçim parası}",
    ),
    (
        "en: Living with a disability}",
        "en: Living with a disability, uk: Життя з інвалідністю, ar: الحياة مع الإعاقة, "
        "tr: Engelli yaşam}",
    ),
    (
        "en: Social welfare office}",
        "en: Social welfare office, uk: Соціальне відомство, ar: مكتب الشؤون الاجتماعية, "
        "tr: Sosyal yardım dairesi}",
    ),
    (
        "en: Integration assistance office}",
        "en: Integration assistance office, uk: Установа допомоги з інтеграції, "
        "ar: جهة مساعدة الإدماج, tr: Uyum yardımı kurumu}",
    ),
)

MONEY_UK = """\
# Test data: a made-up service, machine translated and not yet reviewed.
id: testgeld
review: machine-translated
translated_from: 2025-06-01
title: Подати заяву на тестові гроші
summary: Вигадана грошова допомога для тестів, яку виплачує соціальне відомство.
keywords: [соціальна допомога, стандартна ставка]
description: |
  Тестові гроші є вигаданою допомогою. Ви отримуєте її, якщо ваших грошей не вистачає.

  ### Що до цього входить?

  - **стандартна ставка** на харчування й одяг
  - витрати на оренду житла
requirements:
  - Ви живете в районі Testland або в місті Teststadt.
  - Ваших доходів не вистачає на найнеобхідніше.
documents:
  - name: Посвідчення особи
  - name: Підтвердження доходів
    note: наприклад виписки з рахунку
  - name: Інші документи, якщо соціальне відомство їх вимагає
    required: false
fees:
  text: Жодних зборів не стягується.
  amount_eur: 0
deadlines: Подайте заяву до того, як щось купите.
processing_time: Приблизно чотири тижні.
process:
  - Домовтеся про зустріч у соціальному відомстві.
  - Соціальне відомство надсилає вам рішення.
forms_note: Формуляри можна отримати в соціальному відомстві.
appeal: Проти рішення ви можете протягом одного місяця подати заперечення.
notes: |
  Повідомте соціальне відомство, якщо ваші доходи змінюються.
amounts:
  - {id: regelsatz, name: Стандартна ставка для дорослих, period: на місяць}
easy:
  title: Тестові гроші від соціального відомства
  text: |
    Деякі люди мають замало грошей на життя.
    Тоді допомагає соціальне відомство.

    ## Що мені робити?

    Зателефонуйте до соціального відомства.
"""

MONEY_AR = """\
# Test data: a made-up service, machine translated and not yet reviewed.
id: testgeld
review: machine-translated
translated_from: 2025-06-01
title: تقديم طلب للحصول على مال الاختبار
summary: إعانة مالية خيالية للاختبارات، يدفعها مكتب الشؤون الاجتماعية.
keywords: [المساعدة الاجتماعية, المعدل الأساسي]
description: |
  مال الاختبار إعانة خيالية. تحصل عليها إذا كان مالك لا يكفي.

  ### ماذا تشمل؟

  - **المعدل الأساسي** للطعام والملابس
  - تكاليف الإيجار
requirements:
  - تسكن في دائرة Testland أو في مدينة Teststadt.
  - دخلك لا يكفي للضروريات.
documents:
  - name: بطاقة الهوية الشخصية
  - name: إثباتات الدخل
    note: مثل كشوف الحساب البنكي
  - name: مستندات أخرى إذا طلبها مكتب الشؤون الاجتماعية
    required: false
fees:
  text: لا توجد أي رسوم.
  amount_eur: 0
deadlines: قدّم الطلب قبل أن تشتري شيئًا.
processing_time: حوالي أربعة أسابيع.
process:
  - حدّد موعدًا لدى مكتب الشؤون الاجتماعية.
  - يرسل إليك مكتب الشؤون الاجتماعية قرارًا.
forms_note: تحصل على الاستمارات من مكتب الشؤون الاجتماعية.
appeal: يمكنك تقديم اعتراض على القرار خلال شهر واحد.
notes: |
  أخبر مكتب الشؤون الاجتماعية إذا تغيّر دخلك.
amounts:
  - {id: regelsatz, name: المعدل الأساسي للبالغين, period: شهريًا}
easy:
  title: مال الاختبار من مكتب الشؤون الاجتماعية
  text: |
    بعض الناس لديهم مال قليل جدًا للعيش.
    عندها يساعد مكتب الشؤون الاجتماعية.

    ## ماذا أفعل؟

    اتصل بمكتب الشؤون الاجتماعية.
"""

MONEY_TR = """\
# Test data: a made-up service, machine translated and not yet reviewed.
id: testgeld
review: machine-translated
translated_from: 2025-06-01
title: Test parası başvurusu
summary: Testler için uydurulmuş, sosyal yardım dairesinin ödediği bir para yardımı.
keywords: [sosyal yardım, standart ihtiyaç]
description: |
  Test parası uydurma bir yardımdır. Paranız yetmiyorsa bu yardımı alırsınız.

  ### Neler dahildir?

  - yiyecek ve giyim için **standart ihtiyaç tutarı**
  - kira masrafları
requirements:
  - Testland ilçesinde ya da Teststadt şehrinde oturuyorsunuz.
  - Geliriniz en temel ihtiyaçlarınıza yetmiyor.
documents:
  - name: Kimlik kartı
  - name: Gelir belgeleri
    note: örneğin hesap dökümleri
  - name: Sosyal yardım dairesinin istediği diğer belgeler
    required: false
fees:
  text: Herhangi bir ücret alınmaz.
  amount_eur: 0
deadlines: Başvuruyu bir şey satın almadan önce yapın.
processing_time: Yaklaşık dört hafta.
process:
  - Sosyal yardım dairesinden randevu alın.
  - Sosyal yardım dairesi size bir karar yazısı gönderir.
forms_note: Formları sosyal yardım dairesinden alabilirsiniz.
appeal: Karara karşı bir ay içinde itiraz edebilirsiniz.
notes: |
  Geliriniz değişirse sosyal yardım dairesine bildirin.
amounts:
  - {id: regelsatz, name: Yetişkinler için standart ihtiyaç tutarı, period: aylık}
easy:
  title: Sosyal yardım dairesinden test parası
  text: |
    Bazı insanların geçinmek için çok az parası var.
    O zaman sosyal yardım dairesi yardım eder.

    ## Ne yapmalıyım?

    Sosyal yardım dairesini arayın.
"""

#: the files :func:`languages_project` writes over or beside :data:`CONTENT`
LANGUAGES_CONTENT: dict[str, str] = {
    "content/site.yaml": LANGUAGES_SITE,
    f"content/services/{MONEY}.uk.yaml": MONEY_UK,
    f"content/services/{MONEY}.ar.yaml": MONEY_AR,
    f"content/services/{MONEY}.tr.yaml": MONEY_TR,
}


def languages_project(root: Path, files: dict[str, str | None] | None = None) -> Path:
    """The small project in five languages (:data:`LANGUAGES_CONTENT`), with ``files``
    applied (None deletes a file)."""
    return small_project(root, {**LANGUAGES_CONTENT, **(files or {})})
