"""Every URL pattern, as anonymous, owner, team member and viewer, another negotiator and a trainer.

The patterns come from the root URL resolver, so a new URL fails
`test_every_url_pattern_has_a_rule` until it gets a row in RULES below. Objects in the
URLs belong to the owner ("alice"), who is also the admin of the world's team;
"mona" is a member and "victor" a viewer of that team, and own nothing; "mallory" owns
a plan of her own and none of alice's and is in none of her teams; the trainer
("trudy") is staff in the Trainers group and owns nothing.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from accounts.services import TRAINER_MODELS
from counterparties.forms import reason_field_name, score_field_name
from plans.models import LearnItem, RoadmapStep
from teams.tokens import invitation_token
from tests.factories import ScoreEditionFactory
from tests.plans.stage_post import form_data, goals_data, page_data, relationship_data
from tests.security.conftest import (
    World,
    owned_rows,
    pending_import_key,
    signed_in,
    stage_models,
)

LOGIN = "redirect to sign-in"
DASHBOARD = "redirect to the dashboard"
ADMIN_LOGIN = "redirect to the admin sign-in"
# The admin's index sends visitors to its own sign-in page; its other pages are caught
# first by LoginRequiredMiddleware, which sends them to the site's.
ANY_LOGIN = "redirect to either sign-in page"
ROLES = ("anonymous", "owner", "member", "viewer", "other", "trainer")
# A team member or viewer gets what another negotiator gets unless a rule says otherwise
# (today they share no counterparty or plan with the owner, only the team).
AS_OTHER = "as another negotiator"


def url_patterns(patterns=None, prefix: str = "", namespace: str = ""):
    """(namespace, name, route) for every pattern, descending into includes."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            joined = ":".join(part for part in (namespace, inner) if part)
            yield from url_patterns(pattern.url_patterns, route, joined)
        elif isinstance(pattern, URLPattern):
            yield namespace, pattern.name, route


def _key(namespace: str, name: str | None, route: str) -> str:
    if name is None:
        return f"(unnamed) {route}"
    return f"{namespace}:{name}" if namespace else name


# --- The table ------------------------------------------------------------------------


def _no_kwargs(world: World) -> dict:
    return {}


def _plan(world: World) -> dict:
    return {"pk": world.plan.pk}


def _counterparty(world: World) -> dict:
    return {"pk": world.counterparty.pk}


def _person(world: World) -> dict:
    return {"pk": world.counterparty.pk, "person_pk": world.person.pk}


def _team(world: World) -> dict:
    return {"pk": world.team.pk}


def _co_admin(world: World) -> dict:
    return {"pk": world.team.pk, "mid": world.co_admin.pk}


def _team_invitation(world: World) -> dict:
    return {"pk": world.team.pk, "iid": world.invitation.pk}


def _invitation_link(world: World) -> dict:
    return {"token": invitation_token(world.invitation.pk)}


def _pending_import(world: World) -> dict:
    return {"key": pending_import_key(world)}


def _payload_empty(client, url: str) -> dict:
    return {}


def _payload_from_form(**changes) -> Callable:
    """The owner's form as the page shows it, with `changes`: a POST that would save."""

    def build(client, url: str) -> dict:
        return {**page_data(client.get(url), ("form",), ()), **changes}

    return build


def _payload_person(client, url: str) -> dict:
    return {"name": "Planted", "role": "other", "seniority": "unknown", "inner_circle": "unknown"}


def _payload_culture(client, url: str) -> dict:
    data = page_data(client.get(url), ("form",), ())
    return {**data, score_field_name("pdi"): "99", reason_field_name("pdi"): "Planted"}


def _payload_edition(client, url: str) -> dict:
    return {"edition": str(ScoreEditionFactory(name="Another edition").pk)}


def _payload_goals(client, url: str) -> dict:
    return {**goals_data(client.get(url)), "goals-repeats_note": "Overwritten"}


def _payload_relationship(client, url: str) -> dict:
    return {**relationship_data(client.get(url)), "evidence": "Overwritten"}


@dataclass(frozen=True)
class Rule:
    """What each role gets on GET, how to build the URL, and for owner-scoped URLs a POST."""

    kwargs: Callable[[World], dict] = _no_kwargs
    anonymous: object = LOGIN
    owner: object = 200
    other: object = 200
    trainer: object = 200
    member: object = AS_OTHER
    viewer: object = AS_OTHER
    # Owner-scoped: another user and the trainer get 404 on GET and on POST.
    scoped: bool = False
    # A POST that changes the owner's data when the owner sends it (None: GET-only view).
    payload: Callable | None = None
    # False where even the owner's POST changes nothing (a refused delete).
    owner_post_changes: bool = True
    status: dict = field(default_factory=dict)


PUBLIC = Rule(anonymous=200)
SIGNED_IN = Rule()
SIGNED_OUT_ONLY = Rule(anonymous=200, owner=DASHBOARD, other=DASHBOARD, trainer=DASHBOARD)


def owned(kwargs, payload=None, owner_post_changes=True) -> Rule:
    return Rule(
        kwargs=kwargs,
        other=404,
        trainer=404,
        scoped=True,
        payload=payload,
        owner_post_changes=owner_post_changes,
    )


def team_admin_post(kwargs, payload) -> Rule:
    """A POST-only action of the team's admins: 405 on GET; POST 404 outside, 403 inside."""
    return Rule(
        kwargs=kwargs,
        owner=405,
        other=405,
        trainer=405,
        member=405,
        viewer=405,
        scoped=True,
        payload=payload,
    )


RULES: dict[str, Rule] = {
    # core
    "core:healthz": PUBLIC,
    "core:about": SIGNED_IN,
    # accounts and Django's auth views
    "accounts:signup": SIGNED_OUT_ONLY,
    "accounts:profile": SIGNED_IN,
    "login": SIGNED_OUT_ONLY,
    "logout": Rule(owner=405, other=405, trainer=405),
    "password_change": SIGNED_IN,
    "password_change_done": SIGNED_IN,
    "password_reset": PUBLIC,
    "password_reset_done": PUBLIC,
    "password_reset_confirm": Rule(
        kwargs=lambda world: {"uidb64": "MQ", "token": "not-a-valid-token"}, anonymous=200
    ),
    "password_reset_complete": PUBLIC,
    # countries (reference data, the same for everyone)
    "countries:list": SIGNED_IN,
    "countries:compare": SIGNED_IN,
    "countries:detail": Rule(kwargs=lambda world: {"code": "VNM"}),
    # counterparties
    "counterparties:list": SIGNED_IN,
    "counterparties:create": SIGNED_IN,
    "counterparties:detail": owned(_counterparty),
    "counterparties:update": owned(_counterparty, _payload_from_form(name="Taken over")),
    "counterparties:delete": owned(_counterparty, _payload_empty, owner_post_changes=False),
    "counterparties:culture": owned(_counterparty, _payload_culture),
    "counterparties:person_create": owned(_counterparty, _payload_person),
    "counterparties:person_update": owned(_person, _payload_from_form(name="Renamed")),
    "counterparties:person_delete": owned(_person, _payload_empty),
    # plans
    "plans:dashboard": SIGNED_IN,
    "plans:list": SIGNED_IN,
    "plans:create": SIGNED_IN,
    "plans:import": SIGNED_IN,
    # The key is bound to the user who uploaded: anyone else gets the 404 "no longer waiting".
    "plans:import_confirm": owned(_pending_import, _payload_from_form()),
    "plans:detail": owned(_plan),
    "plans:update": owned(_plan, _payload_from_form(title="Taken over")),
    "plans:delete": owned(_plan, _payload_empty),
    "plans:gap": owned(_plan, lambda client, url: {"gap_notes": "Overwritten"}),
    "plans:print": owned(_plan),
    "plans:pdf": owned(_plan),
    "plans:export": owned(_plan),
    "plans:edition": Rule(
        kwargs=_plan,
        owner=405,
        other=405,
        trainer=405,
        scoped=True,
        payload=_payload_edition,
    ),
    "plans:goals": owned(_plan, _payload_goals),
    "plans:relationship": owned(_plan, _payload_relationship),
    # teams: the owner is the team's admin; mallory and the trainer are outside it
    "teams:list": SIGNED_IN,
    "teams:create": SIGNED_IN,
    "teams:detail": Rule(kwargs=_team, other=404, trainer=404, member=200, viewer=200, scoped=True),
    "teams:rename": team_admin_post(_team, lambda client, url: {"name": "Taken over"}),
    "teams:invite": team_admin_post(
        _team, lambda client, url: {"email": "planted@example.com", "role": "admin"}
    ),
    "teams:member_role": team_admin_post(_co_admin, lambda client, url: {"role": "viewer"}),
    "teams:member_remove": Rule(
        kwargs=_co_admin,
        other=404,
        trainer=404,
        member=403,
        viewer=403,
        scoped=True,
        payload=_payload_empty,
    ),
    "teams:leave": Rule(
        kwargs=_team,
        other=404,
        trainer=404,
        member=200,
        viewer=200,
        scoped=True,
        payload=_payload_empty,
    ),
    "teams:invitation_withdraw": team_admin_post(_team_invitation, _payload_empty),
    # The link in an invitation e-mail: sign-up for the invited address, open without
    # signing in; anyone signed in with another address is told to sign out first.
    "teams:invitation": Rule(
        kwargs=_invitation_link, anonymous=200, owner=403, other=403, trainer=403
    ),
}
# Team actions only admins may take: a member or viewer POSTing them gets 403.
TEAM_ADMIN_ONLY = [
    "teams:invitation_withdraw",
    "teams:invite",
    "teams:member_remove",
    "teams:member_role",
    "teams:rename",
]
SCOPED = sorted(name for name, rule in RULES.items() if rule.scoped)
POSTABLE = sorted(name for name in SCOPED if RULES[name].payload is not None)


def _all_patterns() -> list[tuple[str, str | None, str]]:
    return list(url_patterns())


def _admin_patterns() -> list[str]:
    return [route for ns, _name, route in _all_patterns() if ns.split(":")[0] == "admin"]


# --- Checking an answer -----------------------------------------------------------------


def _assert_answer(response, expected, what: str) -> None:
    if expected == LOGIN:
        assert response.status_code == 302, f"{what}: {response.status_code}, expected {expected}"
        assert response.url.startswith(reverse("login") + "?next="), what
    elif expected == ADMIN_LOGIN:
        assert response.status_code == 302, f"{what}: {response.status_code}, expected {expected}"
        assert response.url.startswith(reverse("admin:login") + "?next="), what
    elif expected == ANY_LOGIN:
        assert response.status_code == 302, f"{what}: {response.status_code}, expected {expected}"
        assert response.url.split("?next=")[0] in (reverse("login"), reverse("admin:login")), what
    elif expected == DASHBOARD:
        assert response.status_code == 302, f"{what}: {response.status_code}, expected {expected}"
        assert response.url == reverse("plans:dashboard"), what
    else:
        assert response.status_code == expected, (
            f"{what}: {response.status_code}, expected {expected}"
        )


def _user(world: World, role: str):
    return {
        "anonymous": None,
        "owner": world.owner,
        "member": world.team_member,
        "viewer": world.team_viewer,
        "other": world.other,
        "trainer": world.trainer,
    }[role]


def _expected(rule: Rule, role: str) -> object:
    expected = getattr(rule, role)
    return rule.other if expected == AS_OTHER else expected


_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\sstyle\s*=|\son[a-z]+\s*=", re.I)


# --- The matrix -------------------------------------------------------------------------


def test_every_url_pattern_has_a_rule():
    missing = [
        f"{_key(ns, name, route)} ({route})"
        for ns, name, route in _all_patterns()
        if ns.split(":")[0] != "admin" and _key(ns, name, route) not in RULES
    ]

    assert missing == [], (
        "URL patterns without a row in RULES (tests/security/test_permission_matrix.py): "
        + ", ".join(missing)
    )


def test_every_rule_matches_a_url_pattern():
    names = {_key(ns, name, route) for ns, name, route in _all_patterns()}

    assert sorted(set(RULES) - names) == []


def test_the_pattern_walk_finds_included_and_admin_patterns():
    keys = {_key(ns, name, route) for ns, name, route in _all_patterns()}

    assert {"plans:relationship", "counterparties:person_update", "login"} <= keys
    assert "admin:index" in keys
    assert len(_admin_patterns()) > 20


@pytest.mark.parametrize("name", sorted(RULES))
def test_get_answer_for_each_role(world, name):
    rule = RULES[name]
    url = reverse(name, kwargs=rule.kwargs(world))

    for role in ROLES:
        response = signed_in(_user(world, role)).get(url)

        _assert_answer(response, _expected(rule, role), f"GET {name} as {role}")
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            # Under the Content-Security-Policy inline code would not run: there must be none.
            assert not _INLINE_SCRIPT.search(response.text), f"inline script/style on {name}"


@pytest.mark.parametrize("name", SCOPED)
def test_post_by_someone_else_is_404_and_changes_nothing(world, name):
    rule = RULES[name]
    url = reverse(name, kwargs=rule.kwargs(world))
    payload = rule.payload(signed_in(world.owner), url) if rule.payload else {"title": "X"}
    before = owned_rows(world.owner)

    outsiders = ["other", "trainer"]
    # Team members and viewers are outsiders to what the owner owns, not to the team.
    if not name.startswith("teams:"):
        outsiders += ["member", "viewer"]
    for role in outsiders:
        response = signed_in(_user(world, role)).post(url, payload)

        # A GET-only view refuses the method before looking anything up: 405 for everyone.
        assert response.status_code == (404 if rule.payload else 405), f"POST {name} as {role}"
        assert owned_rows(world.owner) == before, f"POST {name} as {role} changed the owner's data"


@pytest.mark.parametrize("name", TEAM_ADMIN_ONLY)
def test_team_admin_action_by_a_member_or_viewer_is_403_and_changes_nothing(world, name):
    rule = RULES[name]
    url = reverse(name, kwargs=rule.kwargs(world))
    payload = rule.payload(signed_in(world.owner), url)
    before = owned_rows(world.owner)

    for role in ("member", "viewer"):
        response = signed_in(_user(world, role)).post(url, payload)

        assert response.status_code == 403, f"POST {name} as {role}"
        assert owned_rows(world.owner) == before, f"POST {name} as {role} changed the team"


@pytest.mark.parametrize("name", POSTABLE)
def test_owner_post_with_the_same_payload_changes_data(world, name):
    """The control for the test above: its payloads would change something if let through."""
    rule = RULES[name]
    url = reverse(name, kwargs=rule.kwargs(world))
    owner = signed_in(world.owner)
    payload = rule.payload(owner, url)
    before = owned_rows(world.owner)

    response = owner.post(url, payload)

    assert response.status_code == 302
    assert (owned_rows(world.owner) != before) is rule.owner_post_changes


@pytest.mark.parametrize("name", SCOPED)
def test_anonymous_post_redirects_to_sign_in_and_changes_nothing(world, name):
    rule = RULES[name]
    url = reverse(name, kwargs=rule.kwargs(world))
    before = owned_rows(world.owner)

    response = signed_in(None).post(url, {"title": "X", "name": "X"})

    _assert_answer(response, LOGIN, f"POST {name} anonymously")
    assert owned_rows(world.owner) == before


# --- Mixing one user's ids into another's URLs and forms ---------------------------------


@pytest.mark.parametrize("name", ["counterparties:person_update", "counterparties:person_delete"])
def test_own_counterparty_with_someone_elses_person_is_404(world, name):
    url = reverse(name, kwargs={"pk": world.other_counterparty.pk, "person_pk": world.person.pk})
    before = owned_rows(world.owner)

    get = signed_in(world.other).get(url)
    post = signed_in(world.other).post(url, _payload_person(None, url))

    assert (get.status_code, post.status_code) == (404, 404)
    assert owned_rows(world.owner) == before


def test_plan_form_does_not_offer_or_accept_someone_elses_counterparty(world):
    world.counterparty.name = "Only Alice Deals Here Ltd"
    world.counterparty.save()
    client = signed_in(world.other)
    url = reverse("plans:create")

    page = client.get(url, {"counterparty": world.counterparty.pk})
    data = {**form_data(page.context["form"]), "title": "Poached"}
    data["counterparty"] = str(world.counterparty.pk)
    response = client.post(url, data)

    assert world.counterparty.name not in page.text
    assert response.status_code == 200
    assert "counterparty" in response.context["form"].errors
    assert not world.owner.plans.filter(title="Poached").exists()
    assert not world.other.plans.filter(title="Poached").exists()


def test_goals_formset_cannot_edit_someone_elses_roadmap_step(world):
    step = RoadmapStep.objects.get(plan=world.plan)
    client = signed_in(world.other)
    url = reverse("plans:goals", kwargs={"pk": world.other_plan.pk})
    data = goals_data(client.get(url))
    data["steps-0-id"] = str(step.pk)
    data["steps-0-title"] = "Hijacked step"
    before = owned_rows(world.owner)

    client.post(url, data)

    assert owned_rows(world.owner) == before
    step.refresh_from_db()
    assert step.title != "Hijacked step"


def test_relationship_formset_cannot_edit_someone_elses_rows(world):
    item = LearnItem.objects.get(plan=world.plan)
    client = signed_in(world.other)
    url = reverse("plans:relationship", kwargs={"pk": world.other_plan.pk})
    data = relationship_data(client.get(url))
    data["learn-0-id"] = str(item.pk)
    data["learn-0-topic"] = "Hijacked topic"
    before = owned_rows(world.owner)

    client.post(url, data)

    assert owned_rows(world.owner) == before


def test_relationship_form_rejects_someone_elses_person(world):
    client = signed_in(world.other)
    url = reverse("plans:relationship", kwargs={"pk": world.other_plan.pk})
    data = {**relationship_data(client.get(url)), "person": str(world.person.pk)}
    data["occasions-0-their_attendees"] = [str(world.person.pk)]

    response = client.post(url, data)

    assert response.status_code == 200
    assert "person" in response.context["decision"].errors
    world.other_plan.decision_belief.refresh_from_db()
    assert world.other_plan.decision_belief.person_id != world.person.pk
    assert not world.person.occasions.filter(plan=world.other_plan).exists()


def test_stage_models_are_all_in_the_snapshot(world):
    rows = owned_rows(world.owner)

    for model in stage_models():
        assert rows[model._meta.label], f"the owner's full plan has no {model.__name__} row"


# --- The admin: one group -----------------------------------------------------------------


def _changelists() -> list[tuple[str, str]]:
    return sorted((model._meta.app_label, model._meta.model_name) for model in admin.site._registry)


def _trainer_may_see(app_label: str, model_name: str) -> bool:
    return model_name in TRAINER_MODELS.get(app_label, ())


@pytest.mark.parametrize("role", ["anonymous", "owner"])
def test_admin_redirects_non_staff_to_the_admin_sign_in(world, role):
    client = signed_in(_user(world, role))
    urls = [reverse("admin:index")] + [
        reverse(f"admin:{app}_{model}_changelist") for app, model in _changelists()
    ]

    for url in urls:
        _assert_answer(
            client.get(url), ANY_LOGIN if role == "anonymous" else ADMIN_LOGIN, f"{url} as {role}"
        )


def test_admin_lets_a_trainer_see_the_index_and_reference_data_only(world):
    client = signed_in(world.trainer)

    assert client.get(reverse("admin:index")).status_code == 200
    answers = {
        (app, model): client.get(reverse(f"admin:{app}_{model}_changelist")).status_code
        for app, model in _changelists()
    }

    expected = {
        (app, model): 200 if _trainer_may_see(app, model) else 403 for app, model in answers
    }
    assert answers == expected
    assert sum(status == 200 for status in answers.values()) == sum(
        len(models) for models in TRAINER_MODELS.values()
    )


def test_admin_hides_negotiators_objects_from_a_trainer(world):
    client = signed_in(world.trainer)

    counterparty = reverse("admin:counterparties_counterparty_change", args=[world.counterparty.pk])
    response = client.get(counterparty)

    assert response.status_code == 403
    assert world.counterparty.name not in response.text
    # Plans are not in the admin at all.
    with pytest.raises(NoReverseMatch):
        reverse("admin:plans_plan_change", args=[world.plan.pk])
