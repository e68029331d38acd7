"""Work each gunicorn worker would otherwise do on its first requests, done once before
the workers fork (deploy/gunicorn.conf.py calls warm_up in the master).

Without it, every new worker imports the views, compiles each template and loads the
translation catalogues while a user waits: a few hundred milliseconds on the first
requests after a start or a worker recycle. Forked workers share the result.
"""

from pathlib import Path

from django.conf import settings
from django.template import TemplateSyntaxError, engines
from django.urls import get_resolver
from django.utils import translation

TEMPLATE_SUFFIXES = {".html", ".txt", ".svg", ".xml"}


def compile_templates() -> int:
    """Load every template the engines can find into their cached loaders.

    Returns how many distinct names were loaded (a name found in several folders loads
    the one that overrides the others, as a page would).
    """
    loaded = set()
    for engine in engines.all():
        for directory in engine.template_dirs:
            root = Path(directory)
            for path in sorted(root.rglob("*")):
                name = path.relative_to(root).as_posix()
                if path.suffix not in TEMPLATE_SUFFIXES or not path.is_file() or name in loaded:
                    continue
                try:
                    engine.get_template(name)
                except (TemplateSyntaxError, UnicodeDecodeError):
                    continue  # a third-party file that is not a template for this engine
                loaded.add(name)
    return len(loaded)


def warm_up() -> int:
    """Import every view, compile the templates, load the translations; templates loaded."""
    get_resolver().url_patterns  # noqa: B018 (importing the URLconf imports every view)
    translation.activate(settings.LANGUAGE_CODE)
    translation.gettext("Sign in")
    translation.deactivate()
    return compile_templates()
