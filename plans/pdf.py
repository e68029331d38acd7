"""Render the print templates to PDF with WeasyPrint.

The PDF uses the same HTML as the print view but not Bootstrap (slow to lay out and
not needed on paper): static/css/print.css for the content, static/css/pdf.css for
pages, margin boxes and fonts. WeasyPrint may fetch nothing: every URL in the
document is refused, so nothing a user typed can make the server read a file or
call another host.
"""

from functools import lru_cache
from pathlib import Path

from django.contrib.staticfiles import finders
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

STYLESHEETS = ("css/print.css", "css/pdf.css")
PAPER_SIZES = {"a4": "A4", "letter": "letter"}


class FetchRefused(ValueError):
    pass


class RefusingFetcher(URLFetcher):
    """WeasyPrint's url_fetcher: the PDF loads no images, fonts or pages from anywhere.

    WeasyPrint logs the refusal as a warning and renders on without the resource.
    """

    def fetch(self, url, headers=None):
        raise FetchRefused(f"the PDF renderer does not fetch {url[:80]!r}")


refuse_fetch = RefusingFetcher()


@lru_cache(maxsize=1)
def _fonts() -> FontConfiguration:
    return FontConfiguration()


@lru_cache(maxsize=len(PAPER_SIZES))
def _stylesheets(paper: str) -> tuple[CSS, ...]:
    """Parsed once per process and paper size: parsing is a good part of the render time."""
    sheets = []
    for name in STYLESHEETS:
        path = finders.find(name)
        if path is None:
            raise FileNotFoundError(f"static file {name} not found")
        sheets.append(
            CSS(
                string=Path(path).read_text(encoding="utf-8"),
                font_config=_fonts(),
                url_fetcher=refuse_fetch,
            )
        )
    size = PAPER_SIZES[paper]
    sheets.append(CSS(string=f"@page {{ size: {size}; }}", font_config=_fonts()))
    return tuple(sheets)


def render_pdf(html: str, *, base_url: str, paper: str = "a4") -> bytes:
    """The PDF of `html` (a whole document); `base_url` resolves relative links."""
    document = HTML(string=html, base_url=base_url, url_fetcher=refuse_fetch)
    return document.write_pdf(stylesheets=list(_stylesheets(paper)), font_config=_fonts())


def page_count(html: str, *, base_url: str, paper: str = "a4") -> int:
    """How many pages `html` lays out to, without writing the PDF."""
    document = HTML(string=html, base_url=base_url, url_fetcher=refuse_fetch)
    rendered = document.render(stylesheets=list(_stylesheets(paper)), font_config=_fonts())
    return len(rendered.pages)
