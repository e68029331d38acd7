# Two commands matter: `make run` and `make test`. See README.md.
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup run test test-fast serve lint format check-deploy

setup:
	@command -v uv >/dev/null 2>&1 || python3 -m pip install --quiet "uv>=0.13"
	uv sync --locked

run: setup
	DEBUG=1 uv run python manage.py migrate --noinput
	DEBUG=1 uv run python manage.py load_hofstede
	@echo "Open http://$(HOST):$(PORT)/ and create an account (Create an account on the sign-in page)."
	DEBUG=1 uv run python manage.py runserver $(HOST):$(PORT)

test: setup
	uv run pytest

test-fast: setup
	uv run pytest -m "not browser"

serve: setup
	uv run python manage.py collectstatic --noinput
	uv run python manage.py migrate --noinput
	GUNICORN_BIND=$(HOST):$(PORT) uv run gunicorn -c deploy/gunicorn.conf.py negotiation_prep.wsgi

lint: setup
	uv run ruff check .
	uv run ruff format --check .

format: setup
	uv run ruff format .
	uv run ruff check --fix .
