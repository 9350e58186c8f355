"""Import service texts and responsibilities from XZuFi 2.2 files (the FIM exchange format).

Every German state publishes its service descriptions as FIM building blocks: a LeiKa key,
fixed text modules, and which organisation unit is responsible where (by regional key).
``servicefinder import-xzufi FILE... [--area PREFIX]`` turns ``leistung`` objects into
``content/services/<id>.yaml`` and ``organisationseinheit`` objects into
``content/authorities/<id>.yaml``, so a municipality starts from the state's texts.

Element names follow the XZuFi 2.2 specification (XRepository, urn:xoev-de:fim:standard:xzufi,
namespace ``http://xoev.de/schemata/xzufi/2_2_0``) as also read by public PVOG parsers
(github.com/codedust/xzufi ``parse-xzufi.py``; github.com/rongem/pvog ``src/model/rest``):

- ``schreibe`` wraps each object; ``leistung``, ``organisationseinheit``, ``onlinedienst``
- ``leistung/id``, ``leistung/referenzLeiKa/code`` (the LeiKa key; ``code`` and ``name``
  of code-list values are unqualified), ``leistung/modulText`` with ``inhalt``
  (``languageCode`` attribute), ``leikaTextmodul/code`` (coded by the published list in
  ``TEXT_MODULES``; codes 02 and 03 also as the PVOG parsers read them) and
  ``weiterfuehrenderLink``; ``modulKosten``, ``modulFrist``, ``modulBearbeitungsdauer``
  with ``beschreibung`` and their amounts and durations (see ``_Structured``);
  ``modulFachlicheFreigabe/fachlichFreigegebenAm``;
  ``versionsinformation``; ``kennzeichenSchriftformerfordernis``
- ``organisationseinheit/id``, ``name/name``, ``anschrift`` (``ort``), ``zustaendigkeit``
  with ``leistungID`` and one or more ``gebietID`` (regional keys)
- ``onlinedienst/id``, ``bezeichnung``, ``link/link``

Assumptions that could not be checked against the specification text itself (see
docs/open-data/README.md): ``strasse``, ``hausnummer``, ``postleitzahl`` in ``anschrift``;
``kommunikation`` with ``kanal/code`` and ``kennung`` for phone and e-mail;
``internetadresse/uri``; an ``onlinedienst`` names its services in
``zustaendigkeit/leistungID``. The root element's name is not checked.

Where the text-module codes come from: the code list
``urn:de:xzufi:codeliste:leistungstextmodulleika``, version 20240216, is published on
XRepository; its 16 codes (02, 03, 05-09, 11, 14-16, 18, 22-25) are quoted as a table in a
public Python module that reads the XZuFi exports of the FIM portal (fimportal.de,
``/api/v1/leistung-stammtexte/.../xzufi``) and names this URN and version. Two PVOG readers
agree on the codes they use: github.com/rongem/pvog (``src/model/leistung.interface.ts``)
takes the name from 03 before 02, github.com/codedust/xzufi (``parse-xzufi.py``) reads 02
as the Leistungsbezeichnung. Sources disagree in two ways, both noted in ``TEXT_MODULES``:
that module keys 03 as "Leistungsname" and 07 as "Handlungsgrundlagen" where the list's
names are "Leistungsbezeichnung II" and "Rechtsgrundlage(n)"; and the Brandenburg BUS app
(github.com/smart-village-solutions/smart-village-app-app, ``src/screens/BB-BUS``) shows
costs, deadlines and processing time as text blocks "Kosten (Gebühren, Auslagen, etc.)",
"Fristen" and "Bearbeitungsdauer" (names of its own interface, without codes), where XZuFi
2.2 has the structured modules. The table this import used before (04 Volltext, 05
Unterlagen, ... 19 Teaser) matched no source and put texts into the wrong sections.

Re-import keeps editors' changes: for every field written, the SHA-256 of the imported
value is kept in ``content/.xzufi-import.json``. On the next import a field is replaced
only if its current value still has that hash (nobody changed it since); otherwise the
editor's value stays and the report says so.
"""

from __future__ import annotations

from generator.content.xzufi.codes import TEXT_MODULES, Report, TextModule, XzufiError
from generator.content.xzufi.mapping import Planned, plan_import
from generator.content.xzufi.read import read_file
from generator.content.xzufi.write import import_files, write_import

__all__ = [
    "TEXT_MODULES",
    "Planned",
    "Report",
    "TextModule",
    "XzufiError",
    "import_files",
    "plan_import",
    "read_file",
    "write_import",
]
