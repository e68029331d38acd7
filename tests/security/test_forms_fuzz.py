"""Random and hostile data posted to every form: never a 500; rejected input saves nothing.

Each example starts from the form as its page renders it (valid data), then keeps, drops
or replaces each field with something hostile: long text, NUL bytes, markup, SQL, numbers
out of range, negative money, NaN and infinities, impossible dates, wrong types. A
rejected POST must re-render with a visible error and leave the database as it was; an
accepted one may redirect, and then nothing it saved may hold a NUL byte (PostgreSQL
refuses them).

Every run tries the same examples (derandomize), so a failure in CI fails again on the
next run and on a laptop; inputs that once found a bug stay as @example.
"""

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import F
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from counterparties.models import Counterparty
from plans.models import DecisionMakerBelief, Occasion
from teams.tokens import invitation_token
from tests.plans.stage_post import page_data, switch_confirm_data
from tests.security.conftest import World, owned_rows, pending_import_key, signed_in

# Derandomized: the examples follow from each test's name, not from a random seed, so
# every run (CI or local) tries the same ones. No example database, no files left behind.
FUZZ = settings(
    max_examples=30,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

HOSTILE = [
    '<script>alert("x")</script><b>bold</b>',
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1 --",
    "'; DROP TABLE plans_plan; --",
    "{{ request }}{% debug %}",
    "\x00",
    "name\x00with NUL",
    "../../../etc/passwd",
    "%s%s%s%n",
    "\u202eevil\u202c",
    "ﷺ🙂" * 20,
    # Decimal reads all of these, in any case; none is an amount. "sNaN" was a 500 on the
    # goals page (comparing a signalling NaN raises).
    "NaN",
    "nan",
    "-NaN",
    "sNaN",
    "snan",
    "-sNaN",
    "Infinity",
    "-Infinity",
    "infinity",
    "+Inf",
    "-inf",
    "-1",
    "-0.01",
    "1e400",
    "9223372036854775807",
    "-9223372036854775808",
    "0.0000000001",
    "2026-02-30",
    "0000-00-00",
    "99999-12-31",
    "true",
    "[]",
    "{}",
    "null",
    " ",
]

hostile_text = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=40),
    st.text(min_size=1, max_size=4).map(lambda s: s * 3000),
    # Past 64 bits too: ids beyond the database's range must be refused, not crash.
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.dates().map(str),
)
KEEP, DROP = "keep", "drop"
choice = st.one_of(st.sampled_from([KEEP, KEEP, DROP]), hostile_text)
ERROR_MARKERS = ("is-invalid", "invalid-feedback", "alert-danger", "errorlist")


def _hostile_data(data: st.DataObject, base: dict) -> dict:
    post = {}
    for key, value in base.items():
        picked = data.draw(choice, label=key)
        if picked == KEEP:
            post[key] = value
        elif picked != DROP:
            post[key] = picked
    return post


def _has_nul(rows: dict[str, list[dict]]) -> bool:
    return any(
        isinstance(value, str) and "\x00" in value
        for table in rows.values()
        for row in table
        for value in row.values()
    )


@dataclass(frozen=True)
class FormPage:
    url: Callable[[World], str]
    forms: tuple[str, ...] = ("form",)
    formsets: tuple[str, ...] = ()


def _plan_url(name: str) -> Callable[[World], str]:
    return lambda world: reverse(name, args=[world.plan.pk])


def _counterparty_url(name: str) -> Callable[[World], str]:
    return lambda world: reverse(name, args=[world.counterparty.pk])


FORM_PAGES = {
    "counterparties:create": FormPage(lambda world: reverse("counterparties:create")),
    "counterparties:update": FormPage(_counterparty_url("counterparties:update")),
    "counterparties:culture": FormPage(_counterparty_url("counterparties:culture")),
    "counterparties:person_create": FormPage(_counterparty_url("counterparties:person_create")),
    "counterparties:person_update": FormPage(
        lambda world: reverse(
            "counterparties:person_update", args=[world.counterparty.pk, world.person.pk]
        )
    ),
    "plans:create": FormPage(lambda world: reverse("plans:create")),
    "plans:update": FormPage(_plan_url("plans:update")),
    "plans:gap": FormPage(_plan_url("plans:gap")),
    "plans:goals": FormPage(
        _plan_url("plans:goals"), forms=("version_form", "form", "say_early"), formsets=("steps",)
    ),
    "plans:relationship": FormPage(
        _plan_url("plans:relationship"),
        forms=("version_form", "pick", "decision"),
        formsets=("learn", "tell", "keep", "questions", "occasions"),
    ),
    "plans:import_confirm": FormPage(
        lambda world: reverse("plans:import_confirm", args=[pending_import_key(world)])
    ),
    "accounts:profile": FormPage(lambda world: reverse("accounts:profile")),
    "password_change": FormPage(lambda world: reverse("password_change")),
}


@contextmanager
def rolled_back():
    """Undo an example's writes, so every example starts from the same world."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.mark.parametrize("name", sorted(FORM_PAGES))
@FUZZ
@given(data=st.data())
def test_hostile_post_is_never_a_500_and_a_rejected_one_saves_nothing(world, name, data):
    with rolled_back():
        _post_hostile_form(world, name, data)


def _post_hostile_form(world: World, name: str, data: st.DataObject) -> None:
    _post_and_check(world, name, lambda base: _hostile_data(data, base))


def _post_and_check(world: World, name: str, hostile: Callable[[dict], dict]) -> None:
    """Post the page's own data made hostile by `hostile`; never a 500, a refusal saves nothing."""
    page = FORM_PAGES[name]
    client = signed_in(world.owner)
    url = page.url(world)
    post = hostile(page_data(client.get(url), page.forms, page.formsets))
    before = owned_rows(world.owner)

    response = client.post(url, post)

    # 409: a stage page saw a version that is not the latest; it re-renders like an error.
    assert response.status_code in (200, 302, 409), response.status_code
    after = owned_rows(world.owner)
    if response.status_code == 302:
        assert not _has_nul(after)
    elif response.status_code == 409:
        assert after == before
        assert "saved elsewhere" in response.text
    else:
        assert after == before
        assert any(marker in response.text for marker in ERROR_MARKERS)


# One field at a time: every amount, and the id lists, get each hostile value on an
# otherwise valid page (the whole-form test above rarely breaks one field alone).
ONE_FIELD = [
    ("plans:create", "total_deal_value"),
    ("plans:create", "first_order_value"),
    ("plans:update", "total_deal_value"),
    ("plans:update", "first_order_value"),
    ("plans:goals", "steps-0-value"),
    ("plans:goals", "steps-1-value"),  # the empty extra step, prefilled with the test order
    ("plans:goals", "goals-our_target"),
    ("plans:goals", "goals-our_walk_away"),
    ("plans:goals", "goals-their_target_estimate"),
    ("plans:goals", "goals-their_walk_away_estimate"),
    ("plans:relationship", "occasions-0-their_attendees"),
    ("plans:relationship", "pick-library"),
]


@FUZZ
@given(target=st.sampled_from(ONE_FIELD), value=hostile_text)
# Inputs that found bugs: sNaN in a roadmap step's value (a 500: has_changed compared it),
# ids past 64 bits in a multiple choice (a 500 on SQLite).
@example(target=("plans:goals", "steps-0-value"), value="sNaN")
@example(target=("plans:goals", "steps-1-value"), value="sNaN")
@example(target=("plans:relationship", "occasions-0-their_attendees"), value="9" * 25)
@example(target=("plans:relationship", "pick-library"), value="9" * 25)
def test_one_hostile_field_is_never_a_500_and_a_rejected_one_saves_nothing(world, target, value):
    name, key = target
    with rolled_back():
        _post_and_check(world, name, lambda base: {**base, key: value})


def test_nul_byte_in_a_text_field_is_rejected_with_a_message(world):
    client = signed_in(world.owner)
    url = reverse("counterparties:update", args=[world.counterparty.pk])
    post = {**page_data(client.get(url), ("form",), ()), "notes": "before\x00after"}
    before = owned_rows(world.owner)

    response = client.post(url, post)

    assert response.status_code == 200
    assert "Null characters are not allowed." in response.text
    assert owned_rows(world.owner) == before


# --- Forms used before signing in ----------------------------------------------------------


@FUZZ
@given(data=st.data())
def test_hostile_signup_is_never_a_500_and_a_rejected_one_creates_no_account(db, data):
    with rolled_back():
        _post_hostile_signup(data)


def _post_hostile_signup(data: st.DataObject) -> None:
    base = {
        "username": "fuzzed-negotiator",
        "email": "fuzzed@example.com",
        "password1": "Sturdy-pass-2026",
        "password2": "Sturdy-pass-2026",
    }
    post = _hostile_data(data, base)
    users = set(User.objects.values_list("username", flat=True))

    response = Client().post(reverse("accounts:signup"), post)

    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert set(User.objects.values_list("username", flat=True)) == users
        assert any(marker in response.text for marker in ERROR_MARKERS)
    else:
        assert not any("\x00" in name for name in User.objects.values_list("username", flat=True))


@pytest.mark.parametrize("name", ["login", "admin:login", "password_reset"])
@FUZZ
@given(data=st.data())
def test_hostile_sign_in_and_reset_are_never_a_500(user, name, data):
    base = {"username": user.username, "password": "a wrong password", "email": user.email}
    post = _hostile_data(data, base)
    client = Client()

    response = client.post(reverse(name), post)

    # 429: django-axes locked a username tried five times; 302: a reset e-mail "sent".
    assert response.status_code in (200, 302, 429)
    assert "_auth_user_id" not in client.session


# --- Uploads and POST-only forms -------------------------------------------------------------


upload_bytes = st.one_of(
    st.binary(max_size=2000),
    hostile_text.map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.sampled_from(
        [
            b'{"format": "negotiation-prep-plan", "version": 1}',
            b'{"format": "negotiation-prep-plan", "version": 1, "plan": {"title": "\\u0000"}}',
            b"[" * 10000,
            b'{"a": ' * 5000,
            b"\xff\xfe\x00\x00",
        ]
    ),
)


@FUZZ
@given(content=upload_bytes, filename=st.sampled_from(["plan.json", "../x.json", "a\x00.json"]))
def test_hostile_import_is_never_a_500_and_imports_nothing(world, content, filename):
    client = signed_in(world.owner)
    before = owned_rows(world.owner)

    response = client.post(reverse("plans:import"), {"file": SimpleUploadedFile(filename, content)})

    assert response.status_code == 200
    assert owned_rows(world.owner) == before
    assert any(marker in response.text for marker in ERROR_MARKERS)


@FUZZ
@given(edition=hostile_text)
def test_hostile_edition_switch_is_never_a_500_and_changes_nothing(world, edition):
    client = signed_in(world.owner)
    before = owned_rows(world.owner)

    response = client.post(reverse("plans:edition", args=[world.plan.pk]), {"edition": edition})

    assert response.status_code == 302
    assert owned_rows(world.owner) == before


def _people_outside_their_plan(user: User) -> int:
    """Attendees and believed decision-makers of `user`'s plans who are of another company."""
    attendees = Occasion.their_attendees.through.objects.filter(occasion__plan__owner=user)
    beliefs = DecisionMakerBelief.objects.filter(plan__owner=user, person__isnull=False)
    return (
        attendees.exclude(person__counterparty=F("occasion__plan__counterparty")).count()
        + beliefs.exclude(person__counterparty=F("plan__counterparty")).count()
    )


@FUZZ
@given(data=st.data())
def test_hostile_switch_confirmation_is_never_a_500_and_never_half_detaches(world, data):
    with rolled_back():
        _post_hostile_switch_confirmation(world, data)


def _post_hostile_switch_confirmation(world: World, data: st.DataObject) -> None:
    client = signed_in(world.owner)
    url = reverse("plans:update", args=[world.plan.pk])
    second = Counterparty.objects.create(
        owner=world.owner, name="Second company", country=world.counterparty.country
    )
    form = {**page_data(client.get(url), ("form",), ()), "counterparty": str(second.pk)}
    confirm = client.post(url, form)
    assert "Switch and detach" in confirm.text
    post = _hostile_data(data, switch_confirm_data(confirm))
    before = owned_rows(world.owner)

    response = client.post(url, post)

    # 409: the fingerprint no longer matches what switching would detach.
    assert response.status_code in (200, 302, 409), response.status_code
    after = owned_rows(world.owner)
    assert _people_outside_their_plan(world.owner) == 0
    if response.status_code == 302:
        assert not _has_nul(after)
    else:
        assert after == before
        page = response.text
        assert "Switch and detach" in page or any(marker in page for marker in ERROR_MARKERS)


# --- Query strings -----------------------------------------------------------------------------


QUERY_PAGES = [
    ("counterparties:list", ("q", "sort", "page")),
    ("countries:list", ("q", "page")),
    ("countries:compare", ("a", "b")),
    ("plans:create", ("counterparty",)),
    ("plans:print", ("layout", "paper", "sections")),
]


@pytest.mark.parametrize(("name", "keys"), QUERY_PAGES)
@settings(FUZZ, max_examples=15)
@given(data=st.data())
def test_hostile_query_string_is_never_a_500(world, name, keys, data):
    args = [world.plan.pk] if name in ("plans:print", "plans:pdf") else []
    query = {key: data.draw(hostile_text, label=key) for key in keys}

    response = signed_in(world.owner).get(reverse(name, args=args), query)

    assert response.status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/counterparties/?q=%00",
        "/counterparties/?q=a%00b&sort=%00&page=%00",
        "/countries/?q=%00",
        "/countries/%00/",
        "/countries/compare/?a=%00&b=%00",
        "/plans/new/?counterparty=%00",
    ],
)
def test_nul_in_a_url_is_never_a_500(world, path):
    response = signed_in(world.owner).get(path)

    assert response.status_code in (200, 404)


@pytest.mark.parametrize(
    ("name", "formset"), [("plans:relationship", "learn"), ("plans:goals", "steps")]
)
def test_forged_form_count_builds_no_more_forms_than_the_limit(world, name, formset):
    client = signed_in(world.owner)
    url = reverse(name, args=[world.plan.pk])
    page = FORM_PAGES[name]
    post = page_data(client.get(url), page.forms, page.formsets)
    post[f"{formset}-TOTAL_FORMS"] = "100000"
    before = owned_rows(world.owner)

    response = client.post(url, post)

    assert response.status_code == 200
    bound = response.context[formset]
    assert len(bound.forms) <= bound.max_num
    assert "Please submit at most" in response.text
    assert owned_rows(world.owner) == before


@pytest.mark.parametrize("key", ["occasions-0-their_attendees", "pick-library"])
def test_huge_id_in_a_multiple_choice_is_not_a_500(world, key):
    client = signed_in(world.owner)
    url = reverse("plans:relationship", args=[world.plan.pk])
    page = FORM_PAGES["plans:relationship"]
    post = {**page_data(client.get(url), page.forms, page.formsets), key: "9" * 25}

    response = client.post(url, post)

    assert response.status_code == 200


# --- Team forms: create, rename, invite, change a role, sign up through an invitation ------


@dataclass(frozen=True)
class TeamFormPage:
    """A form shown on one page (`page`) and posted to another (`action`)."""

    page: Callable[[World], str]
    action: Callable[[World], str]
    base: Callable  # (response) -> the form's fields as the page shows them


def _team_url(name: str) -> Callable[[World], str]:
    return lambda world: reverse(name, args=[world.team.pk])


TEAM_FORM_PAGES = {
    "teams:create": TeamFormPage(
        lambda world: reverse("teams:create"),
        lambda world: reverse("teams:create"),
        lambda response: page_data(response, ("form",), ()),
    ),
    "teams:rename": TeamFormPage(
        _team_url("teams:detail"),
        _team_url("teams:rename"),
        lambda response: page_data(response, ("rename_form",), ()),
    ),
    "teams:invite": TeamFormPage(
        _team_url("teams:detail"),
        _team_url("teams:invite"),
        lambda response: page_data(response, ("invite_form",), ()),
    ),
    "teams:member_role": TeamFormPage(
        _team_url("teams:detail"),
        lambda world: reverse("teams:member_role", args=[world.team.pk, world.co_admin.pk]),
        lambda response: {"role": "member"},
    ),
}


@pytest.mark.parametrize("name", sorted(TEAM_FORM_PAGES))
@FUZZ
@given(data=st.data())
def test_hostile_team_form_is_never_a_500_and_a_rejected_one_saves_nothing(world, name, data):
    with rolled_back():
        _post_hostile_team_form(world, name, data)


def _post_hostile_team_form(world: World, name: str, data: st.DataObject) -> None:
    page = TEAM_FORM_PAGES[name]
    client = signed_in(world.owner)
    post = _hostile_data(data, page.base(client.get(page.page(world))))
    before = owned_rows(world.owner)

    response = client.post(page.action(world), post)

    assert response.status_code in (200, 302), response.status_code
    after = owned_rows(world.owner)
    if response.status_code == 302:
        assert not _has_nul(after)
    else:
        assert after == before
        assert any(marker in response.text for marker in ERROR_MARKERS)


@FUZZ
@given(data=st.data())
def test_hostile_invitation_sign_up_is_never_a_500_and_a_rejected_one_creates_no_account(
    world, data
):
    with rolled_back():
        _post_hostile_invitation_sign_up(world, data)


def _post_hostile_invitation_sign_up(world: World, data: st.DataObject) -> None:
    url = reverse("teams:invitation", args=[invitation_token(world.invitation.pk)])
    base = {
        "username": "fuzzed-newcomer",
        "email": world.invitation.email,
        "password1": "Sturdy-pass-2026",
        "password2": "Sturdy-pass-2026",
    }
    post = _hostile_data(data, base)
    users = set(User.objects.values_list("username", flat=True))

    response = Client().post(url, post)

    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert set(User.objects.values_list("username", flat=True)) == users
        assert any(marker in response.text for marker in ERROR_MARKERS)
        world.invitation.refresh_from_db()
        assert world.invitation.accepted_at is None
    else:
        newcomer = User.objects.get(email=world.invitation.email)
        assert "\x00" not in newcomer.username
        assert world.team.memberships.filter(user=newcomer).exists()
