"""The guard that keeps pages from loading anything from another host."""
from sitebuild.offline import drop_alternate_links, external_requests, strip_cdn_scripts

NBCONVERT_HEAD = (
    '<script src=""></script>'
    '<script src="https://cdnjs.cloudflare.com/ajax/libs/mathjax/2.7.7/latest.js"></script>'
    '<script type="module">const m = (await import("https://cdnjs.cloudflare.com/x.mjs"));</script>'
    '<script src="../assets/javascripts/bundle.js"></script>'
)


def test_cdn_scripts_are_removed_and_local_ones_kept() -> None:
    cleaned = strip_cdn_scripts(NBCONVERT_HEAD)
    assert cleaned == '<script src="../assets/javascripts/bundle.js"></script>'
    assert external_requests(cleaned) == []


def test_external_loads_are_reported() -> None:
    html = ('<img src="https://example.org/a.png"><link rel="stylesheet" href="//fonts.example/x.css">'
            '<style>@import "https://x/y.css";</style>')
    assert len(external_requests(html)) == 3


def test_external_urls_in_styles_and_scripts_are_reported_whatever_their_case() -> None:
    html = ('<div style="background: URL(  \'//cdn.example/x.png\')">'
            '<script>import("HTTP://cdn.example/m.js")</script><p>https://example.org in text</p>')
    assert external_requests(html) == ["URL(  '//", 'import("HTTP://']


def test_links_that_are_not_fetched_are_allowed() -> None:
    html = ('<a href="https://arxiv.org/abs/1805.11604">paper</a>'
            '<link rel="canonical" href="https://example.github.io/x/">'
            '<link rel="alternate" href="https://example.github.io/en/" hreflang="en">')
    assert external_requests(html) == []


def test_head_alternates_go_but_the_language_selector_stays() -> None:
    html = ('<link rel="alternate" href="../../errata/" hreflang="zh">\n'
            '<a href="../../errata/" hreflang="zh" class="md-select__link">')
    assert drop_alternate_links(html) == '<a href="../../errata/" hreflang="zh" class="md-select__link">'
