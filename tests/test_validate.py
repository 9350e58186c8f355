"""Schema rules, each checked against the exact message an editor reads."""

from __future__ import annotations

from generator.content.load import parse_text
from generator.content.schema import Authority, Service
from generator.content.validate import validate_document
from tests.helpers import service_yaml


def problems(text: str, model=Service) -> list[str]:
    doc, found = parse_text(text, "s.yaml")
    assert found == []
    _obj, found = validate_document(doc, model)
    return [p.format() for p in found]


def test_the_helper_service_is_valid():
    assert problems(service_yaml()) == []


def test_wrong_type_says_what_was_expected_and_what_came():
    text = service_yaml(fees="{text: Zehn Euro, amount_eur: zehn}")
    assert problems(text) == ["s.yaml:8:37: fees.amount_eur: expected a number, got 'zehn'"]


def test_boolean_flag_given_as_word():
    text = service_yaml(
        forms="{available: ja, online: false, written_form_required: false, "
        "informal_application: true, personal_appearance: false}"
    )
    assert problems(text) == ["s.yaml:9:20: forms.available: expected true or false, got 'ja'"]


def test_unknown_field_names_the_closest_known_one():
    text = service_yaml() + "requirments: [a]\n"
    assert problems(text) == [
        "s.yaml:12:1: requirments: unknown field 'requirments'; did you mean 'requirements'?"
    ]


def test_missing_required_field():
    assert problems(service_yaml(summary=None)) == [
        "s.yaml:1:1: summary: required field is missing"
    ]


def test_html_and_script_in_text_are_refused():
    text = service_yaml(summary='"Hallo <script>alert(1)</script>"')
    assert problems(text) == [
        "s.yaml:3:17: summary: HTML is not allowed in content; write plain text "
        "(Markdown in fields that say so)"
    ]
    text = service_yaml(description='"[klick](javascript:alert(1))"')
    assert problems(text) == [
        "s.yaml:7:15: description: javascript:, data: and vbscript: links are not allowed"
    ]


def test_event_handler_attribute_is_html_too():
    text = service_yaml(summary="'<img src=x onerror=alert(1)>'")
    assert "HTML is not allowed" in problems(text)[0]


def test_slug_rules():
    assert problems(service_yaml(id="'../etc'"))[0].endswith(
        "id: expected lowercase letters a-z, digits and single hyphens (at most 64 "
        "characters), got '../etc'"
    )
    assert problems(service_yaml(id="a" * 65))[0].endswith(
        f"id: expected lowercase letters a-z, digits and single hyphens (at most 64 "
        f"characters), got '{'a' * 65}'"
    )
    assert problems(service_yaml(id="'a/b'"))[0].endswith("got 'a/b'")
    assert problems(service_yaml(id="con"))[0].endswith(
        "id: 'con' is a reserved file name on some systems; choose another"
    )


def test_date_must_be_a_date_not_text():
    assert problems(service_yaml(as_of="'gestern'")) == [
        "s.yaml:5:8: as_of: expected a date like 2025-01-22, got 'gestern'"
    ]


def test_nested_list_position():
    text = service_yaml() + "documents:\n  - name: Ausweis\n  - nam: Pass\n"
    assert problems(text) == [
        "s.yaml:14:5: documents[1].nam: unknown field 'nam'; did you mean 'name'?",
    ]


def test_regional_key_must_have_a_valid_length():
    text = (
        "id: a\nname: A\nkinds: [sozialamt]\n"
        "address: {street: S 1, postcode: '12345', city: X}\n"
        "accessibility: {wheelchair_accessible: true}\n"
        "areas: [{ars: '0315', name: X}]\n"
    )
    assert problems(text, Authority) == [
        "s.yaml:6:15: areas[0].ars: expected a regional key (ARS) of 2, 3, 5, 9 or 12 "
        "digits in quotes, got '0315'"
    ]


def test_invisible_characters_in_ids_are_refused():
    """U+202E and zero-width characters were accepted silently (issue 34)."""
    for char in ("\u202e", "\u200b", "\u2066"):
        [message] = problems(service_yaml(id=f"test{char}leistung"))
        assert message.startswith(
            f"s.yaml:1:5: id: an id may not hold the invisible character U+{ord(char):04X}"
        )


def test_invisible_characters_in_text_are_reported_where_they_stand(tmp_path):
    from generator.content.validate import invisible_characters

    text = service_yaml(title="Test\u202eleistung", summary="Eine\u200bLeistung für Tests.")
    doc, _ = parse_text(text, "s.yaml")
    _obj, errors = validate_document(doc, Service)
    assert errors == []
    found = [p.format() for p in invisible_characters(doc, errors)]
    assert found == [
        "s.yaml:2:12: warning: title: the text holds the invisible character U+202E "
        "(RIGHT-TO-LEFT OVERRIDE), which changes how it reads without being seen; remove it",
        "s.yaml:3:14: warning: summary: the text holds the invisible character U+200B "
        "(ZERO WIDTH SPACE), which changes how it reads without being seen; remove it",
    ]
    # right-to-left texts need the directional marks beside numbers: not reported
    doc, _ = parse_text(service_yaml(title="طلب \u200f3\u200f"), "s.yaml")
    assert invisible_characters(doc) == []


def test_validate_reports_invisible_characters_in_every_kind_of_file(tmp_path):
    import pytest

    from generator.content.catalogue import load_catalogue
    from generator.infra.errors import ContentError
    from tests.helpers import TODAY
    from tests.project_fixture import SITE, WELFARE_OFFICE, WELFARE_OFFICE_YAML, small_project

    project = small_project(
        tmp_path,
        {
            "content/site.yaml": SITE.replace("name: Servicefinder", "name: Service\u202efinder"),
            f"content/authorities/{WELFARE_OFFICE}.yaml": WELFARE_OFFICE_YAML.replace(
                "name: Landkreis", "name: Land\u2066kreis", 1
            ),
            "content/pages/x.md": "---\ntitle: Hin\u200bweise\n---\n\nText.\n",
        },
    )
    _, found = load_catalogue(project / "content", root=project, today=TODAY)
    warned = {(p.file, p.field) for p in found if "invisible character" in p.message}
    assert warned == {
        ("content/site.yaml", "name"),
        (f"content/authorities/{WELFARE_OFFICE}.yaml", "name"),
        ("content/pages/x.md", "title"),
    }
    with pytest.raises(ContentError):
        load_catalogue(project / "content", root=project, today=TODAY, strict=True)


def test_braces_in_a_refused_value_are_quoted_as_written():
    """A refused colour was quoted with doubled braces ('{{red}}')."""
    from generator.content.schema import Colours

    text = 'primary: "{red}"\naccent: "{found} {message}"\n'
    assert problems(text, Colours) == [
        's.yaml:1:10: primary: expected a colour as # and six hex digits, like "#0b4f8a", '
        "got '{red}'",
        's.yaml:2:9: accent: expected a colour as # and six hex digits, like "#0b4f8a", '
        "got '{found} {message}'",
    ]
