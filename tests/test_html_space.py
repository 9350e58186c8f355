"""Pages lose the indentation their templates leave, and nothing that whitespace means."""

from __future__ import annotations

from generator.writer.html_space import squeeze


def test_a_run_of_whitespace_with_a_line_break_becomes_one_line_break():
    html = "<ul>\n    <li>a</li>\n\n      <li>b c</li>\n  </ul>"
    assert squeeze(html) == "<ul>\n<li>a</li>\n<li>b c</li>\n</ul>"


def test_spaces_without_a_line_break_stay():
    html = "<p>one  two <a href=x>three</a> four</p>"
    assert squeeze(html) == html


def test_text_that_keeps_its_whitespace_is_untouched():
    kept = (
        "<pre>line 1\n\n    indented</pre>",
        "<textarea name=t>a\n\n  b</textarea>",
        '<code class="x">a\n   b</code>',
        '<script type="application/json">{"a":\n    1}</script>',
        "<style>\n  p { color: red }\n</style>",
    )
    for part in kept:
        assert squeeze(f"<div>\n  {part}\n  </div>") == f"<div>\n{part}\n</div>"


def test_attribute_values_and_comments_are_untouched():
    html = '<p title="a\n   b"><!-- x\n\n  y -->\n   text</p>'
    assert squeeze(html) == '<p title="a\n   b"><!-- x\n\n  y -->\ntext</p>'


def test_after_a_kept_element_closes_whitespace_collapses_again():
    html = "<pre>a\n  b</pre>\n\n   <p>\n  c</p>"
    assert squeeze(html) == "<pre>a\n  b</pre>\n<p>\nc</p>"
