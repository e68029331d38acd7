"""The plan import's preview: upload, check what the file holds, choose its counterparty
(a new one or one of the user's own, with people matched by name), then confirm."""

import datetime
import html
import json

import pytest
from bs4 import BeautifulSoup
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import timezone

from counterparties.models import Counterparty, CultureAdjustment, Person
from countries.models import Country
from plans import pending_imports
from plans.exchange import ImportFailed, plan_import
from plans.models import Occasion, Plan
from plans.output_forms import NEW_COUNTERPARTY
from plans.pending_imports import pending_import_raw, pending_import_store
from tests.factories import (
    CounterpartyFactory,
    CultureAdjustmentFactory,
    PersonFactory,
    UserFactory,
)
from tests.plans.fullplan import full_plan
from tests.security.conftest import owned_rows

FILE_NAME = "Công ty Dệt May Sài Gòn"


@pytest.fixture
def raw(client_user, user, hofstede) -> bytes:
    """Alice's full plan as a file: 10 people, one culture adjustment, 王建国 decides."""
    plan = full_plan(user)
    return client_user.get(reverse("plans:export", args=[plan.pk])).content


@pytest.fixture
def bob(db):
    return UserFactory(username="bob")


@pytest.fixture
def client_bob(bob) -> Client:
    client = Client()
    client.force_login(bob)
    return client


@pytest.fixture
def bobs(bob, hofstede) -> dict[str, Counterparty]:
    """Bob's own counterparties: one that is the file's, spelt his way, and three others."""
    vnm, tha, usa = (Country.objects.get(code=code) for code in ("VNM", "THA", "USA"))
    same = CounterpartyFactory(
        owner=bob, name="cong ty  DET may sai gon", country=vnm, city="Saigon", industry="Cloth"
    )
    PersonFactory(counterparty=same, name="  trần  ĐỨC thắng ", title="Chairman")
    PersonFactory(counterparty=same, name="王建国", title="Owner")
    PersonFactory(counterparty=same, name="Someone not in the file")
    CultureAdjustmentFactory(counterparty=same, dimension="pdi", score=55, reason="Bob's view")
    return {
        "same": same,
        "same_country": CounterpartyFactory(owner=bob, name="Aardvark Trading", country=vnm),
        "same_name_elsewhere": CounterpartyFactory(owner=bob, name=FILE_NAME, country=tha),
        "elsewhere": CounterpartyFactory(owner=bob, name="Zenith Ltd", country=usa),
    }


def _upload(client: Client, raw: bytes):
    upload = SimpleUploadedFile("plan.json", raw, content_type="application/json")
    return client.post(reverse("plans:import"), {"file": upload})


def _key(response) -> str:
    assert response.status_code == 302, response.status_code
    match = resolve(response.url.split("?")[0])
    assert match.view_name == "plans:import_confirm"
    return match.kwargs["key"]


def _confirm_url(key: str) -> str:
    return reverse("plans:import_confirm", args=[key])


def _everything() -> dict:
    return {
        "plans": list(Plan.objects.order_by("pk").values()),
        "counterparties": list(Counterparty.objects.order_by("pk").values()),
        "people": list(Person.objects.order_by("pk").values()),
        "adjustments": list(CultureAdjustment.objects.order_by("pk").values()),
    }


# Upload and preview ------------------------------------------------------------------


def test_upload_keeps_the_file_in_the_shared_cache_and_writes_nothing_else(client_bob, bob, raw):
    before = _everything()

    key = _key(_upload(client_bob, raw))

    assert pending_import_raw(owner=bob, key=key) == raw
    assert _everything() == before


def test_preview_shows_the_plan_and_the_files_counterparty(client_bob, raw, bobs):
    page = client_bob.get(_confirm_url(_key(_upload(client_bob, raw))))

    assert page.status_code == 200
    text = page.content.decode()
    assert "Check the import of “Cotton supply 2027 – 綿の供給”" in text
    assert f"{FILE_NAME} (Thành phố Hồ Chí Minh, Vietnam)" in text
    assert "10 roadmap steps" in text
    assert "Nothing is imported until you choose" in text


def test_preview_proposes_the_same_name_and_country_first_and_preselects_it(client_bob, raw, bobs):
    page = client_bob.get(_confirm_url(_key(_upload(client_bob, raw))))

    field = page.context["form"].fields["counterparty"]
    values = [value for value, _label in field.choices]
    assert values == [
        NEW_COUNTERPARTY,
        str(bobs["same"].pk),
        str(bobs["same_country"].pk),
        str(bobs["same_name_elsewhere"].pk),
        str(bobs["elsewhere"].pk),
    ]
    assert field.initial == str(bobs["same"].pk)
    labels = dict(field.choices)
    assert labels[str(bobs["same"].pk)].endswith(": same name and country")
    assert labels[NEW_COUNTERPARTY].endswith(", a second one of that name")
    assert "(Saigon, Vietnam; added " in labels[str(bobs["same"].pk)]
    checked = BeautifulSoup(page.content, "html.parser").select("input[name=counterparty]:checked")
    assert [radio["value"] for radio in checked] == [str(bobs["same"].pk)]


def test_preview_shows_which_people_match_and_which_are_new(client_bob, raw, bobs):
    page = client_bob.get(_confirm_url(_key(_upload(client_bob, raw))))

    matches = {m.incoming.name: m.existing for m in page.context["matches"]}
    assert len(matches) == 10
    assert matches["Trần Đức Thắng"].title == "Chairman"
    assert matches["王建国"].title == "Owner"
    assert sum(existing is None for existing in matches.values()) == 8
    text = page.content.decode()
    assert "2 of 10 matched to people you recorded for “cong ty  DET may sai gon”" in text
    assert "keeps that counterparty's own details and its culture adjustments" in text


def test_preview_of_a_new_counterparty_adds_everyone(client_user, raw):
    # Alice has only other counterparties' names: nothing is proposed.
    Counterparty.objects.filter(owner__username="alice").update(name="Renamed Co")
    page = client_user.get(_confirm_url(_key(_upload(client_user, raw))))

    field = page.context["form"].fields["counterparty"]
    assert field.initial == NEW_COUNTERPARTY
    assert (
        dict(field.choices)[NEW_COUNTERPARTY]
        == f"Create a new counterparty “{FILE_NAME}” (Vietnam)"
    )
    assert page.context["selected"] is None
    assert all(m.existing is None for m in page.context["matches"])
    assert "All 10 are added with the new counterparty." in page.content.decode()


def test_preview_shows_the_matches_of_another_chosen_counterparty(client_bob, raw, bobs):
    key = _key(_upload(client_bob, raw))
    other = bobs["same_country"]

    shown = client_bob.post(_confirm_url(key), {"counterparty": str(other.pk), "show": "1"})
    page = client_bob.get(shown.url)

    assert shown.status_code == 302
    assert page.context["selected"] == other
    assert page.context["form"].fields["counterparty"].initial == str(other.pk)
    assert all(m.existing is None for m in page.context["matches"])
    assert Plan.objects.filter(owner__username="bob").count() == 0


def test_preview_ignores_a_linked_counterparty_that_is_not_the_users(client_bob, raw, bobs, user):
    alices = Counterparty.objects.filter(owner=user).get()
    key = _key(_upload(client_bob, raw))

    page = client_bob.get(_confirm_url(key), {"counterparty": str(alices.pk)})

    assert page.context["selected"] == bobs["same"]
    assert "Thành phố Hồ Chí Minh" not in str(page.context["form"].fields["counterparty"].choices)


def test_preview_query_count_does_not_grow_with_the_users_counterparties(
    client_bob, bob, raw, bobs, django_assert_num_queries
):
    key = _key(_upload(client_bob, raw))
    with CaptureQueriesContext(connection) as few:
        client_bob.get(_confirm_url(key))
    for index in range(30):
        more = CounterpartyFactory(owner=bob, name=f"More {index}", country=bobs["same"].country)
        PersonFactory(counterparty=more)

    with django_assert_num_queries(len(few.captured_queries)):
        client_bob.get(_confirm_url(key))


# Confirm -----------------------------------------------------------------------------


def test_confirm_attaches_to_the_chosen_counterparty_and_reuses_matched_people(
    client_bob, bob, raw, bobs
):
    same = bobs["same"]
    kept = {p.name: p for p in same.people.all()}
    key = _key(_upload(client_bob, raw))

    response = client_bob.post(_confirm_url(key), {"counterparty": str(same.pk)}, follow=True)

    plan = Plan.objects.get(owner=bob)
    assert response.redirect_chain[-1][0] == plan.get_absolute_url()
    assert plan.counterparty == same
    assert Counterparty.objects.filter(owner=bob).count() == 4  # none added
    people = {p.name: p for p in same.people.all()}
    assert len(people) == 3 + 8
    assert people["  trần  ĐỨC thắng "].pk == kept["  trần  ĐỨC thắng "].pk
    assert people["  trần  ĐỨC thắng "].title == "Chairman"  # what Bob recorded stays
    assert "Trần Đức Thắng" not in people
    assert plan.decision_belief.person == kept["王建国"]
    attendees = Person.objects.filter(occasions__plan=plan).distinct()
    assert set(attendees.values_list("counterparty_id", flat=True)) == {same.pk}
    assert kept["  trần  ĐỨC thắng "] in attendees
    first = Occasion.objects.filter(plan=plan).order_by("held_on").first()
    assert sorted(p.name for p in first.their_attendees.all()) == sorted(
        ["Nguyễn Thị Minh Khai", "  trần  ĐỨC thắng ", "王建国"]
    )
    # The counterparty keeps its own details and adjustments; the file's are not used.
    same.refresh_from_db()
    assert (same.industry, same.city) == ("Cloth", "Saigon")
    assert same.adjusted_scores() == {"pdi": 55}
    assert pending_import_raw(owner=bob, key=key) is None
    message = "2 of the file's people matched people you had recorded, 8 added."
    assert message in html.unescape(response.content.decode())


def test_confirm_creates_a_new_counterparty_when_chosen(client_bob, bob, raw, bobs):
    key = _key(_upload(client_bob, raw))

    response = client_bob.post(_confirm_url(key), {"counterparty": NEW_COUNTERPARTY})

    plan = Plan.objects.get(owner=bob)
    assert response.url == plan.get_absolute_url()
    assert plan.counterparty.pk not in {c.pk for c in bobs.values()}
    assert plan.counterparty.name == FILE_NAME
    assert plan.counterparty.people.count() == 10
    assert plan.counterparty.adjusted_scores() == {"idv": 30}
    assert bobs["same"].people.count() == 3
    assert plan.decision_belief.person.counterparty == plan.counterparty


def test_confirm_with_someone_elses_counterparty_is_refused_and_writes_nothing(
    client_bob, bob, raw, bobs, user
):
    alices = Counterparty.objects.get(owner=user)
    key = _key(_upload(client_bob, raw))
    before = _everything()

    response = client_bob.post(_confirm_url(key), {"counterparty": str(alices.pk)})

    assert response.status_code == 200
    assert "That counterparty is not one of yours" in response.content.decode()
    assert _everything() == before
    assert pending_import_raw(owner=bob, key=key) == raw  # still there to choose again


@pytest.mark.parametrize("value", ["", "0", "999999999999999999999", "new; DROP TABLE", "\x00"])
def test_confirm_with_a_nonsense_choice_is_refused_and_writes_nothing(client_bob, raw, value):
    key = _key(_upload(client_bob, raw))
    before = _everything()

    response = client_bob.post(_confirm_url(key), {"counterparty": value})

    assert response.status_code == 200
    assert response.context["form"].errors["counterparty"]
    assert _everything() == before


def test_confirm_twice_imports_once(client_bob, bob, raw):
    key = _key(_upload(client_bob, raw))

    first = client_bob.post(_confirm_url(key), {"counterparty": NEW_COUNTERPARTY})
    second = client_bob.post(_confirm_url(key), {"counterparty": NEW_COUNTERPARTY})

    assert first.status_code == 302
    assert second.status_code == 404
    assert Plan.objects.filter(owner=bob).count() == 1


def test_cancel_forgets_the_file_and_writes_nothing(client_bob, bob, raw):
    key = _key(_upload(client_bob, raw))
    before = _everything()

    response = client_bob.post(_confirm_url(key), {"cancel": "1"}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("plans:import")
    assert "Import cancelled: nothing was imported." in response.content.decode()
    assert _everything() == before
    assert pending_import_raw(owner=bob, key=key) is None
    assert client_bob.get(_confirm_url(key)).status_code == 404


# Gone, expired, someone else's -------------------------------------------------------


def test_an_unknown_key_says_the_import_is_gone_and_links_to_upload_again(client_bob):
    response = client_bob.get(_confirm_url("not-a-key-anyone-has"))

    assert response.status_code == 404
    text = response.content.decode()
    assert "This import is no longer waiting" in text
    assert f'href="{reverse("plans:import")}"' in text


def test_a_preview_expires_after_an_hour(client_bob, bob, raw, monkeypatch):
    key = _key(_upload(client_bob, raw))
    now = timezone.now()
    cache_clock = "django.core.cache.backends.db.tz_now"  # what the database cache compares

    monkeypatch.setattr(cache_clock, lambda: now + datetime.timedelta(minutes=59))
    assert client_bob.get(_confirm_url(key)).status_code == 200
    monkeypatch.setattr(cache_clock, lambda: now + datetime.timedelta(minutes=61))
    response = client_bob.post(_confirm_url(key), {"counterparty": NEW_COUNTERPARTY})

    assert response.status_code == 404
    assert "This import is no longer waiting" in response.content.decode()
    assert not Plan.objects.filter(owner=bob).exists()


def test_another_users_key_is_a_404_and_writes_nothing(client_bob, bob, raw, other_user):
    key = _key(_upload(client_bob, raw))
    mallory = Client()
    mallory.force_login(other_user)
    before = owned_rows(other_user), owned_rows(bob)

    get = mallory.get(_confirm_url(key))
    post = mallory.post(_confirm_url(key), {"counterparty": NEW_COUNTERPARTY})
    cancel = mallory.post(_confirm_url(key), {"cancel": "1"})

    assert (get.status_code, post.status_code, cancel.status_code) == (404, 404, 404)
    assert (owned_rows(other_user), owned_rows(bob)) == before
    assert pending_import_raw(owner=bob, key=key) == raw  # Bob can still import it


def test_a_bad_file_is_not_kept(client_bob, raw):
    data = json.loads(raw)
    data["plan"]["status"] = "sold"
    keys_before = _cache_rows()

    response = _upload(client_bob, json.dumps(data).encode())

    assert response.status_code == 200
    assert "The file was not imported" in response.content.decode()
    assert _cache_rows() == keys_before


def _cache_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM np_cache")
        return cursor.fetchone()[0]


def test_another_app_server_can_confirm(client_bob, bob, raw, monkeypatch):
    """App servers share only the database: the file waits in its cache table, and a
    cache client of its own (as another server has) finds it there."""
    key = _key(_upload(client_bob, raw))
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM np_cache WHERE cache_key LIKE %s", [f"%{key}"])
        assert cursor.fetchone()[0] == 1
    monkeypatch.setattr(pending_imports, "cache", caches.create_connection("default"))
    other_server = Client()
    other_server.cookies = client_bob.cookies

    response = other_server.post(_confirm_url(key), {"counterparty": NEW_COUNTERPARTY})

    assert response.status_code == 302
    assert Plan.objects.filter(owner=bob).count() == 1


# The service -------------------------------------------------------------------------


def test_plan_import_refuses_to_attach_to_someone_elses_counterparty(bob, raw, user):
    alices = Counterparty.objects.get(owner=user)
    before = _everything()

    with pytest.raises(ImportFailed, match="one of your own counterparties"):
        plan_import(owner=bob, raw=raw, attach_to=alices)

    assert _everything() == before


def test_plan_import_matches_each_existing_person_once(bob, raw, bobs):
    data = json.loads(raw)
    people = data["counterparty"]["people"]
    for person in people[:2]:
        person["name"] = "王建国"  # now three of the file's people share Bob's person's name
    bobs_own = bobs["same"].people.get(name="王建国")

    plan = plan_import(owner=bob, raw=json.dumps(data).encode(), attach_to=bobs["same"])

    namesakes = plan.counterparty.people.filter(name="王建国")
    assert namesakes.count() == 3  # Bob's, and two added
    assert bobs_own in namesakes


def test_stored_files_are_bound_to_their_owner(bob, other_user):
    key = pending_import_store(owner=bob, raw=b"{}")

    assert pending_import_raw(owner=bob, key=key) == b"{}"
    assert pending_import_raw(owner=other_user, key=key) is None
    assert pending_import_raw(owner=bob, key="x" * 200) is None
