"""What the gunicorn master does before forking workers (core/warmup.py and
deploy/gunicorn.conf.py's when_ready)."""

import gc
import logging
import runpy

from django.conf import settings
from django.template import engines
from django.template.loaders.cached import Loader as CachedLoader
from django.utils import translation
from django.utils.translation import trans_real

from core.warmup import compile_templates, warm_up


def cached_loader() -> CachedLoader:
    loader = engines["django"].engine.template_loaders[0]
    assert isinstance(loader, CachedLoader)
    return loader


def test_every_template_is_compiled_into_the_cache():
    loader = cached_loader()
    loader.reset()

    loaded = compile_templates()

    cached = set(loader.get_template_cache)
    assert loaded == len(cached)
    # Ours, Django's form widgets and crispy's, and the admin's.
    for name in (
        "base.html",
        "plans/plan_relationship.html",
        "forms/bootstrap_field.html",
        "django/forms/widgets/input.html",
        "bootstrap5/field.html",
        "admin/base.html",
    ):
        assert name in cached


def test_warm_up_also_loads_the_translation_catalogue(monkeypatch):
    monkeypatch.setattr(trans_real, "_translations", {})

    assert warm_up() > 100

    assert settings.LANGUAGE_CODE in trans_real._translations
    assert translation.get_language() == settings.LANGUAGE_CODE  # left as it was


class FakeServer:
    log = logging.getLogger("test.gunicorn")


def test_gunicorn_master_warms_up_and_freezes_before_forking(settings):
    config = runpy.run_path(str(settings.BASE_DIR / "deploy" / "gunicorn.conf.py"))
    cached_loader().reset()
    try:
        config["when_ready"](FakeServer())
        assert gc.get_freeze_count() > 0
        assert "plans/plan_goals.html" in cached_loader().get_template_cache
    finally:
        gc.unfreeze()
    assert config["preload_app"] is True
