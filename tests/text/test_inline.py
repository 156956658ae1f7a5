from brochure.text.inline import plain, to_markup


def test_bold_and_italic():
    assert to_markup("a **b** _c_ d") == "a <b>b</b> <i>c</i> d"


def test_reportlab_markup_in_content_prints_literally():
    assert to_markup('<font color="red">x</font> & <a href="javascript:alert(1)">y</a>') == (
        '&lt;font color="red"&gt;x&lt;/font&gt; &amp; &lt;a href="javascript:alert(1)"&gt;y&lt;/a&gt;'
    )
    assert to_markup("an unclosed <b> tag") == "an unclosed &lt;b&gt; tag"
    assert to_markup("&amp; stays &amp;amp;") == "&amp;amp; stays &amp;amp;amp;"


def test_unbalanced_marks_stay_literal():
    assert to_markup("2 ** 3 and snake_case_name") == "2 ** 3 and snake_case_name"
    assert plain("**bold** and _it_") == "bold and it"
